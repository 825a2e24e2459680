using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Weather.Warnings;

internal sealed class DemandWarningConfiguration : IEntityTypeConfiguration<DemandWarning>
{
    public void Configure(EntityTypeBuilder<DemandWarning> builder)
    {
        builder.ToTable("demand_warnings");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).UseIdentityAlwaysColumn();
        builder.Property(w => w.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(WarningKind.Surge).HasSentinel(WarningKind.Surge);
        builder.Property(w => w.CategoryCode).HasMaxLength(64);
        builder.Property(w => w.ScopeKey).HasMaxLength(64);
        builder.Property(w => w.JurisdictionCode).HasMaxLength(32);
        builder.Property(w => w.JurisdictionPath).HasMaxLength(200);
        builder.Property(w => w.Test).HasMaxLength(200);
        builder.Property(w => w.Evidence).HasColumnType("jsonb");
        // Several servers run the detector: one warning per scope and window, whoever finds it first.
        builder.HasIndex(w => new { w.Scope, w.ScopeKey, w.WindowEnd }).IsUnique();
        builder.HasIndex(w => w.JurisdictionPath).HasOperators("text_pattern_ops");
        builder.HasIndex(w => w.RaisedAt);
    }
}
