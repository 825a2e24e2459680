using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Loop.Scenes;

internal sealed class SceneConfiguration : IEntityTypeConfiguration<Scene>
{
    public void Configure(EntityTypeBuilder<Scene> builder)
    {
        builder.ToTable("scenes");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(4000);
        builder.Property(s => s.CreatedBy).HasMaxLength(128);
        builder.Property(s => s.Area).HasColumnType("geometry(Geometry,4326)");
        builder.Property(s => s.Verdict).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => s.Area).HasMethod("gist");
        builder.HasIndex(s => s.NeedsReplanning);
    }
}
