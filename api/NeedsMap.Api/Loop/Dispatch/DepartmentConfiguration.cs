using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Loop.Dispatch;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("departments");
        builder.HasKey(d => d.Code);
        builder.Property(d => d.Code).HasMaxLength(32);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.NameEn).HasMaxLength(100);
    }
}
