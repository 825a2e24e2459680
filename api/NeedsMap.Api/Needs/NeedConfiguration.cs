using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Needs;

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> builder)
    {
        builder.ToTable("needs");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).UseIdentityAlwaysColumn();
        builder.Property(n => n.ChannelCode).HasMaxLength(32);
        builder.Property(n => n.ExternalId).HasMaxLength(128);
        builder.Property(n => n.Text).HasMaxLength(8000);
        builder.Property(n => n.CategoryCode).HasMaxLength(64);
        builder.Property(n => n.ClassifierVersion).HasMaxLength(64);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.LocatedBy).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Location).HasColumnType("geometry(Point,4326)");
        builder.Property(n => n.Address).HasMaxLength(500);
        builder.Property(n => n.JurisdictionCode).HasMaxLength(32);
        builder.Property(n => n.JurisdictionPath).HasMaxLength(200);
        builder.Property(n => n.ReporterKey).HasMaxLength(64);
        builder.Property(n => n.ReporterAgeBand).HasMaxLength(16);
        builder.Property(n => n.ReporterGender).HasMaxLength(16);
        builder.Property(n => n.ReporterGroup).HasMaxLength(32);
        builder.Property(n => n.ContactKeyId).HasMaxLength(16);
        builder.Property(n => n.Attributes).HasColumnType("jsonb");

        builder.HasIndex(n => new { n.ChannelCode, n.ExternalId }).IsUnique();
        // The spatial GiST is ix_needs_location_top_category_received_at, made in SQL (an expression EF cannot map): see
        // migration NeedsSpatialIndexWithTopCategory.
        builder.HasIndex(n => new { n.ReceivedAt, n.Id });
        builder.HasIndex(n => n.JurisdictionPath).HasOperators("text_pattern_ops");
        builder.HasIndex(n => new { n.CategoryCode, n.ReceivedAt });
        builder.HasIndex(n => n.Text).HasMethod("gin").HasOperators("gin_trgm_ops");

        builder.HasOne<Channel>().WithMany().HasForeignKey(n => n.ChannelCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(n => n.CategoryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(n => n.JurisdictionCode).OnDelete(DeleteBehavior.Restrict);
    }
}
