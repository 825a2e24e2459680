using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Weather.Rollups;

internal sealed class CellDemandConfiguration : IEntityTypeConfiguration<CellDemand>
{
    public void Configure(EntityTypeBuilder<CellDemand> builder)
    {
        builder.ToTable("cell_demand");
        builder.HasKey(d => new { d.Resolution, d.Q, d.R, d.Day, d.CategoryCode, d.ChannelCode });
        builder.Property(d => d.CategoryCode).HasMaxLength(64);
        builder.Property(d => d.ChannelCode).HasMaxLength(32);
        builder.Property(d => d.JurisdictionPath).HasMaxLength(200);
        // The whole-city question: one resolution, a range of days.
        builder.HasIndex(d => new { d.Resolution, d.Day }).IncludeProperties(d => new { d.Q, d.R, d.Count, d.Weight });
    }
}

internal sealed class CellDemandBlockConfiguration : IEntityTypeConfiguration<CellDemandBlock>
{
    public void Configure(EntityTypeBuilder<CellDemandBlock> builder)
    {
        builder.ToTable("cell_demand_blocks");
        builder.HasKey(b => new { b.Resolution, b.BlockDays, b.BlockStart, b.Q, b.R });
        builder.Property(b => b.JurisdictionPath).HasMaxLength(200);
    }
}

internal sealed class CellRecordConfiguration : IEntityTypeConfiguration<CellRecord>
{
    public void Configure(EntityTypeBuilder<CellRecord> builder)
    {
        builder.ToTable("cells");
        builder.HasKey(c => new { c.Resolution, c.Q, c.R });
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.JurisdictionCode).HasMaxLength(32);
        builder.Property(c => c.JurisdictionPath).HasMaxLength(200);
        builder.Property(c => c.Centre).HasColumnType("geometry(Point,4326)");
        builder.Property(c => c.Boundary).HasColumnType("geometry(Polygon,4326)");
        builder.HasIndex(c => c.Id).IsUnique();
        builder.HasIndex(c => c.Boundary).HasMethod("gist");
        builder.HasIndex(c => c.JurisdictionPath).HasOperators("text_pattern_ops");
    }
}
