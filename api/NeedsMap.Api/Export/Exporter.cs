using Microsoft.Extensions.Options;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Export;

/// <summary>NeedsMap:Export.</summary>
public sealed class ExportOptions
{
    public const string Section = "NeedsMap:Export";

    /// <summary>More needs than this in one export is EXPORT_TOO_LARGE (before anything is written): narrow the filter.</summary>
    public long MaxRows { get; set; } = 2_000_000;
}

/// <summary>An export checked and counted, ready to write.</summary>
public sealed record PreparedExport(string Kind, ExportFormat Format, IReadOnlyList<ExportColumn> Columns, long? Rows, string Parameters,
    Func<CancellationToken, Task<IExportRows>> OpenAsync)
{
    public string FileName(DateTimeOffset now) => $"{Kind}-{now:yyyyMMdd-HHmmss}.{Format.Extension()}";
}

/// <summary>
/// What every export does, over HTTP or from the CLI: validate the parameters, count (needs), write the audit row, stream the
/// rows in the format asked for, and complete the audit row with the rows written, however the export ends.
/// </summary>
public sealed class Exporter(NeedExportReader needs, AggregateExports aggregates, ExportAudit audit, AccessScope scope, IOptions<ExportOptions> options)
{
    public const string Needs = "needs";
    public const string NeedStats = "need-stats";
    public const string KeyMatters = "key-matters";
    public const string Cells = "cells";

    public static readonly IReadOnlyList<string> Kinds = [Needs, NeedStats, KeyMatters, Cells];

    /// <summary>Excel opens at most 1,048,576 rows a sheet; one is the header.</summary>
    public const int MaxSheetRows = 1_048_575;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The rows go to the PreparedExport, whose source WriteAsync disposes.")]
    public async Task<PreparedExport> PrepareAsync(string kind, ExportFormat format, ExportParameters p, CancellationToken cancellationToken)
    {
        if (format == ExportFormat.GeoJson && kind is not (Needs or Cells))
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"{kind} has no places: export it as csv or xlsx.");
        }
        switch (kind)
        {
            case Needs:
                var filter = p.Where;
                var order = p.Enum("order", NeedOrder.ReceivedAtDesc);
                var count = await needs.CountAsync(filter, cancellationToken);
                if (count > options.Value.MaxRows)
                {
                    throw new DomainException(ErrorCodes.ExportTooLarge,
                        $"{count} needs match; an export holds at most {options.Value.MaxRows}. Narrow the filter (receivedFrom, jurisdictionIn).");
                }
                if (format == ExportFormat.Xlsx && count > MaxSheetRows)
                {
                    throw new DomainException(ErrorCodes.ExportTooLarge,
                        $"{count} needs match; a worksheet holds at most {MaxSheetRows} rows under its header. Export CSV, or narrow the filter.");
                }
                return new(kind, format, NeedExportReader.Columns, count, p.Describe(), ct => needs.OpenAsync(filter, order, ct));
            case NeedStats:
                var stats = await aggregates.NeedStatsAsync(p, cancellationToken);
                return new(kind, format, AggregateExports.NeedStatsColumns, null, p.Describe(), _ => Task.FromResult(stats));
            case KeyMatters:
                var matters = await aggregates.KeyMattersAsync(p, cancellationToken);
                return new(kind, format, AggregateExports.KeyMatterColumns, null, p.Describe(), _ => Task.FromResult(matters));
            case Cells:
                var cells = await aggregates.CellsAsync(p, cancellationToken);
                return new(kind, format, AggregateExports.CellColumns, null, p.Describe(), _ => Task.FromResult(cells));
            default:
                throw new DomainException(ErrorCodes.NotFound, $"Nothing is exported as \"{kind}\"; try {string.Join(", ", Kinds)}.");
        }
    }

    /// <returns>The rows written.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "ProgressRows only counts; the finally block disposes the source it wraps.")]
    public async Task<long> WriteAsync(PreparedExport export, Stream output, Action<long>? progress, CancellationToken cancellationToken)
    {
        var auditId = await audit.StartAsync(scope, export.Kind, export.Format, export.Parameters, export.Columns.Select(c => c.Name), cancellationToken);
        IExportRows? source = null;
        var completed = false;
        try
        {
            source = await export.OpenAsync(cancellationToken);
            var rows = progress is null ? source : new ProgressRows(source, progress);
            await ExportWriters.WriteAsync(export.Format, rows, output, export.Kind, cancellationToken);
            completed = true;
            return source.Read;
        }
        finally
        {
            var written = source?.Read ?? 0;
            if (source is not null)
            {
                await source.DisposeAsync();
            }
            await audit.FinishAsync(auditId, written, completed);
        }
    }
}
