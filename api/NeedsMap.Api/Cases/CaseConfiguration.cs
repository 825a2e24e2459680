using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        // By default, not always: the linker takes a batch of ids from the sequence before it writes the rows.
        builder.Property(c => c.Id).UseIdentityByDefaultColumn();
        builder.Property(c => c.CategoryCode).HasMaxLength(64);
        builder.Property(c => c.JurisdictionCode).HasMaxLength(32);
        builder.Property(c => c.JurisdictionPath).HasMaxLength(200);
        builder.HasIndex(c => c.JurisdictionPath).HasOperators("text_pattern_ops");
    }
}
