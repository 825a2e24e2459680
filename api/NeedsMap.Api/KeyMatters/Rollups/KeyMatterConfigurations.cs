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
        // The name the migrations gave it when NeedsMapDbContext had a Needs set (EF names a foreign key after the principal's set).
        builder.HasOne<Need>().WithOne().HasForeignKey<KeyMatterNeed>(k => k.NeedId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_key_matter_needs_needs_need_id");
    }
}

internal sealed class KeyMatterDemandConfiguration : IEntityTypeConfiguration<KeyMatterDemand>
{
    public void Configure(EntityTypeBuilder<KeyMatterDemand> builder)
    {
        builder.ToTable("key_matter_demand");
        builder.HasKey(d => new { d.JurisdictionCode, d.Day, d.CategoryCode, d.Topic });
        // Codes and topics are compared, never sorted for people: byte order ("C") lets the key's index compare them
        // with memcmp instead of the locale's strcoll, which a city-wide question does tens of thousands of times.
        builder.Property(d => d.JurisdictionCode).HasMaxLength(32).UseCollation("C");
        builder.Property(d => d.CategoryCode).HasMaxLength(64).UseCollation("C");
        builder.Property(d => d.Topic).HasMaxLength(32).UseCollation("C");
        // A ranking reads the reporters of the categories' own rows (topic '') and of a few topics: straight to them.
        builder.HasIndex(d => new { d.JurisdictionCode, d.Topic, d.Day });
        builder.Property(d => d.Reporters).HasDefaultValueSql("'{}'");
        builder.Property(d => d.ReporterNeeds).HasDefaultValueSql("'{}'");
    }
}
