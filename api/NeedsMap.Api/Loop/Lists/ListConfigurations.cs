using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Loop.Lists;

internal sealed class ReformItemConfiguration : IEntityTypeConfiguration<ReformItem>
{
    public void Configure(EntityTypeBuilder<ReformItem> builder)
    {
        builder.ToTable("reform_items");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Problem).HasMaxLength(4000);
        builder.Property(r => r.Evidence).HasMaxLength(4000);
        builder.Property(r => r.AddedBy).HasMaxLength(128);
    }
}

internal sealed class OneThingConfiguration : IEntityTypeConfiguration<OneThing>
{
    public void Configure(EntityTypeBuilder<OneThing> builder)
    {
        builder.ToTable("one_things");
        builder.Property(o => o.Id).UseIdentityAlwaysColumn();
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Description).HasMaxLength(2000);
    }
}
