using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Areas;

internal sealed class ServiceAreaConfiguration : IEntityTypeConfiguration<ServiceArea>
{
    public void Configure(EntityTypeBuilder<ServiceArea> builder)
    {
        builder.ToTable("service_areas");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Code).HasMaxLength(64);
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Boundary).HasColumnType("geometry(Geometry, 4326)");
        builder.Property(a => a.Source).HasMaxLength(200);
        builder.Property(a => a.ImportedBy).HasMaxLength(200);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasIndex(a => a.Kind);
        builder.HasIndex(a => a.Boundary).HasMethod("gist");
    }
}
