using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Data;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Divisions;

/// <summary>
/// <c>NeedsMap.Api import-divisions TABLE.csv|.xlsx [--boundaries FILE.geojson|FILE.shp] [--code-field code]
/// [--coordinates wgs84|gcj02|bd09] [--tolerance 0.001] [--dry-run]</c>: imports a city's divisions as importDivisions does,
/// without the request-size limit, and prints the report. Exit 0 when applied (or a clean dry run), 1 on errors, 2 on usage.
/// </summary>
internal static class ImportDivisionsCommand
{
    public const string Name = "import-divisions";

    /// <param name="Boundaries">A GeoJSON FeatureCollection or a Shapefile (.shp with its .dbf), keyed by <paramref name="CodeField"/>.</param>
    public sealed record Options(string Table, string? Boundaries, string CodeField, CoordinateSystem Coordinates, double Tolerance, bool DryRun);

    /// <summary>Imports (or, with DryRun, only validates) and prints the report; exit 0 when applied or a clean dry run, 1 on errors.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, Options options, CliContext context, CancellationToken cancellationToken)
    {
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(cancellationToken);
        }
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Security.Auth.AccessScope>().Actor = "cli:" + Name;
        var (table, boundaries) = (options.Table, options.Boundaries);
        var xlsx = table.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        var shapefile = boundaries?.EndsWith(".shp", StringComparison.OrdinalIgnoreCase) == true;
        var source = new DivisionSource(xlsx ? null : await File.ReadAllTextAsync(table, cancellationToken),
            xlsx ? await File.ReadAllBytesAsync(table, cancellationToken) : null,
            boundaries is not null && !shapefile ? await File.ReadAllTextAsync(boundaries, cancellationToken) : null,
            options.Coordinates, options.Tolerance)
        {
            Boundaries = shapefile ? DivisionBoundaryFile.ReadShapefile(boundaries!, options.Coordinates, options.CodeField) : null,
        };
        // A refusal of the files themselves (unreadable, no header) is a DomainException the command line prints with its code.
        var result = await scope.ServiceProvider.GetRequiredService<DivisionImport>().ImportAsync(source, options.DryRun, cancellationToken);
        await WriteAsync(result, context.Output);
        return result.Plan.HasErrors ? ExitCodes.Failure : ExitCodes.Ok;
    }

    public static async Task WriteAsync(DivisionImportResult result, TextWriter output)
    {
        var plan = result.Plan;
        foreach (var issue in plan.Issues.OrderBy(i => i.Severity))
        {
            await output.WriteLineAsync($"{issue.Severity.ToString().ToUpperInvariant(),-7} {issue.Code,-18} {issue.Division ?? "-",-14} {issue.Message}");
        }
        await output.WriteLineAsync($"{Name}: {(result.Applied ? "applied" : plan.HasErrors ? "REFUSED, nothing written" : "dry run, nothing written")}: "
            + $"{plan.Count(DivisionChange.Added)} added, {plan.Count(DivisionChange.Updated)} updated, {plan.Count(DivisionChange.Unchanged)} unchanged, "
            + $"{plan.Divisions.Count(d => d.Moved)} moved, {plan.Generated} generated, {plan.Retained} retained; "
            + $"{result.RelocatedNeeds} needs relocated, {result.UnplacedNeeds} unplaced; {result.Elapsed.TotalSeconds:0.0} s");
    }
}
