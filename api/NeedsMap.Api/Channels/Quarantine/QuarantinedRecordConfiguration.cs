using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Channels.Quarantine;

internal sealed class QuarantinedRecordConfiguration : IEntityTypeConfiguration<QuarantinedRecord>
{
    public void Configure(EntityTypeBuilder<QuarantinedRecord> builder)
    {
        builder.ToTable("quarantined_records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.ChannelCode).HasMaxLength(32);
        builder.Property(r => r.ExternalId).HasMaxLength(128);
        builder.Property(r => r.ReasonCode).HasMaxLength(64);
        builder.Property(r => r.Message).HasMaxLength(2000);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Fingerprint).HasMaxLength(128);
        builder.Property(r => r.Deliveries).HasDefaultValue(1);
        builder.HasIndex(r => new { r.ChannelCode, r.State, r.Id });
        // One open entry per record: a redelivery updates it (QuarantineStore.AddAsync's ON CONFLICT).
        builder.HasIndex(r => new { r.ChannelCode, r.Fingerprint }).IsUnique().HasFilter("state = 'Quarantined'");
        builder.HasOne<Channel>().WithMany().HasForeignKey(r => r.ChannelCode).OnDelete(DeleteBehavior.Restrict);
    }
}
