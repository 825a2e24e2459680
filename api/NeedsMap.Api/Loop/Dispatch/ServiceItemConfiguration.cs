using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch;

internal sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> builder)
    {
        builder.ToTable("service_items");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.Property(s => s.CategoryCode).HasMaxLength(64);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasIndex(s => s.CategoryCode);
        builder.HasOne<Category>().WithMany().HasForeignKey(s => s.CategoryCode).OnDelete(DeleteBehavior.Restrict);
    }
}
