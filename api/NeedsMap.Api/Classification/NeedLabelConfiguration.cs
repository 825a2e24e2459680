using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Classification;

internal sealed class NeedLabelConfiguration : IEntityTypeConfiguration<NeedLabel>
{
    public void Configure(EntityTypeBuilder<NeedLabel> builder)
    {
        builder.ToTable("need_labels");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).UseIdentityAlwaysColumn();
        builder.Property(l => l.CategoryCode).HasMaxLength(64);
        builder.Property(l => l.PreviousCategoryCode).HasMaxLength(64);
        builder.Property(l => l.PreviousClassifierVersion).HasMaxLength(128);
        builder.Property(l => l.LabelledBy).HasMaxLength(128);
        builder.HasIndex(l => new { l.NeedId, l.LabelledAt });
        // The name the migrations gave it when NeedsMapDbContext had a Needs set (EF names a foreign key after the principal's set).
        builder.HasOne<Need>().WithMany().HasForeignKey(l => l.NeedId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_need_labels_needs_need_id");
        builder.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryCode).OnDelete(DeleteBehavior.Restrict);
    }
}
