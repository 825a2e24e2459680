using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Reference;

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> builder)
    {
        builder.ToTable("jurisdictions");
        builder.HasKey(j => j.Code);
        builder.Property(j => j.Code).HasMaxLength(32);
        builder.Property(j => j.Name).HasMaxLength(100);
        builder.Property(j => j.OfficialName).HasMaxLength(200);
        builder.Property(j => j.Kind).HasMaxLength(20);
        builder.Property(j => j.ParentCode).HasMaxLength(32);
        builder.Property(j => j.Path).HasMaxLength(200);
        builder.Property(j => j.BoundarySource).HasMaxLength(20);
        builder.Property(j => j.Level).HasConversion<short>();
        builder.Property(j => j.Boundary).HasColumnType("geometry(MultiPolygon,4326)");
        builder.Property(j => j.InteriorPoint).HasColumnType("geometry(Point,4326)");
        builder.HasIndex(j => j.Boundary).HasMethod("gist");
        builder.HasIndex(j => j.ParentCode);
        builder.HasIndex(j => j.Path).HasOperators("text_pattern_ops");
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(j => j.ParentCode).OnDelete(DeleteBehavior.Restrict);
    }
}
