using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Security.Audit;

/// <summary>
/// One audited act: a read of a need's personal data (who, when, which need, which fields), or an export (who, when, what,
/// with which parameters, in which format, how many rows, and whether it finished).
/// </summary>
public sealed class AuditEntry
{
    public const string PersonalDataRead = "personal_data_read";
    public const string ExportAction = "export";

    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Role { get; init; }
    /// <summary><see cref="PersonalDataRead"/> or <see cref="ExportAction"/>.</summary>
    public string Action { get; init; } = PersonalDataRead;
    /// <summary>The need whose personal data was read; null for exports.</summary>
    public long? NeedId { get; init; }
    /// <summary>The fields read, or the columns exported, comma-separated.</summary>
    public required string Fields { get; init; }
    /// <summary>What was exported: needs, need-stats, key-matters or cells.</summary>
    public string? ExportKind { get; init; }
    public string? ExportFormat { get; init; }
    /// <summary>The export's parameters (its NeedFilter JSON and the rest), as given.</summary>
    public string? ExportParameters { get; init; }
    /// <summary>Rows written; null until the export ends.</summary>
    public long? ExportRows { get; init; }
    /// <summary>When the export ended; null while it runs or if the server stopped during it.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>False when the client went away or the export failed before its last row.</summary>
    public bool? Completed { get; init; }
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
        builder.Property(a => a.Fields).HasMaxLength(1000);
        builder.Property(a => a.Action).HasMaxLength(32).HasDefaultValue(AuditEntry.PersonalDataRead);
        builder.Property(a => a.ExportKind).HasMaxLength(32);
        builder.Property(a => a.ExportFormat).HasMaxLength(16);
        builder.Property(a => a.ExportParameters).HasMaxLength(8000);
        builder.HasIndex(a => new { a.At, a.Id });
        builder.HasIndex(a => a.NeedId);
    }
}
