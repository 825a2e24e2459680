using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Reference;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.NameEn).HasMaxLength(100);
        builder.Property(c => c.ParentCode).HasMaxLength(64);
        builder.Property(c => c.MergedInto).HasMaxLength(64);
        builder.Property(c => c.Departments).HasDefaultValueSql("'{}'::text[]");
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentCode).OnDelete(DeleteBehavior.Restrict);
    }
}
