using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Security;

/// <summary>One read of personal data: who, when, which need, which fields.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Role { get; init; }
    public required long NeedId { get; init; }
    public required string Fields { get; init; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Role).HasMaxLength(32);
        builder.Property(a => a.Fields).HasMaxLength(200);
        builder.HasIndex(a => new { a.At, a.Id });
        builder.HasIndex(a => a.NeedId);
    }
}
