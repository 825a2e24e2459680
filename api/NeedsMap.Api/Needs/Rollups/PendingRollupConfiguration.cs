using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Needs.Rollups;

internal sealed class PendingRollupConfiguration : IEntityTypeConfiguration<PendingRollup>
{
    public void Configure(EntityTypeBuilder<PendingRollup> builder)
    {
        // A queue, not a record: no foreign keys or secondary indexes to slow the ingestion that fills it.
        builder.ToTable("pending_rollups");
        builder.HasKey(p => p.Seq);
        builder.Property(p => p.Seq).UseIdentityAlwaysColumn();
        builder.Property(p => p.BeforeCategoryCode).HasMaxLength(64);
        builder.Property(p => p.BeforeChannelCode).HasMaxLength(32);
        builder.Property(p => p.AfterCategoryCode).HasMaxLength(64);
        builder.Property(p => p.AfterChannelCode).HasMaxLength(32);
        builder.Property(p => p.JurisdictionCode).HasMaxLength(32);
        builder.Property(p => p.JurisdictionPath).HasMaxLength(200);
    }
}
