using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Needs;

internal sealed class NeedHistoryEntryConfiguration : IEntityTypeConfiguration<NeedHistoryEntry>
{
    public void Configure(EntityTypeBuilder<NeedHistoryEntry> builder)
    {
        builder.ToTable("need_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).UseIdentityAlwaysColumn();
        builder.Property(h => h.Actor).HasMaxLength(128);
        builder.Property(h => h.Kind).HasMaxLength(32);
        builder.Property(h => h.FromStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.ToStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Note).HasMaxLength(2000);
        builder.HasIndex(h => new { h.NeedId, h.At });
        builder.HasOne<Need>().WithMany().HasForeignKey(h => h.NeedId).OnDelete(DeleteBehavior.Cascade);
    }
}
