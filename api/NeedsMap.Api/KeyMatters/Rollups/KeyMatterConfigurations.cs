using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeedsMap.Api.Needs;

namespace NeedsMap.Api.KeyMatters.Rollups;

internal sealed class KeyMatterNeedConfiguration : IEntityTypeConfiguration<KeyMatterNeed>
{
    public void Configure(EntityTypeBuilder<KeyMatterNeed> builder)
    {
        builder.ToTable("key_matter_needs");
        builder.HasKey(k => k.NeedId);
        builder.Property(k => k.NeedId).ValueGeneratedNever();
        builder.Property(k => k.JurisdictionPath).HasMaxLength(200);
        builder.Property(k => k.CategoryCode).HasMaxLength(64);
        builder.HasOne<Need>().WithOne().HasForeignKey<KeyMatterNeed>(k => k.NeedId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KeyMatterDemandConfiguration : IEntityTypeConfiguration<KeyMatterDemand>
{
    public void Configure(EntityTypeBuilder<KeyMatterDemand> builder)
    {
        builder.ToTable("key_matter_demand");
        builder.HasKey(d => new { d.JurisdictionCode, d.Day, d.CategoryCode, d.Topic });
        builder.Property(d => d.JurisdictionCode).HasMaxLength(32);
        builder.Property(d => d.CategoryCode).HasMaxLength(64);
        builder.Property(d => d.Topic).HasMaxLength(32);
        builder.Property(d => d.Reporters).HasDefaultValueSql("'{}'");
        builder.Property(d => d.ReporterNeeds).HasDefaultValueSql("'{}'");
    }
}
