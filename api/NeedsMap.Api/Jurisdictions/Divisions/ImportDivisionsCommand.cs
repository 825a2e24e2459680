using NeedsMap.Api.Data;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Jurisdictions.Divisions;

/// <summary>
/// <c>dotnet NeedsMap.Api.dll import-divisions TABLE.csv|.xlsx [--boundaries FILE.geojson|FILE.shp] [--code-field code]
/// [--coordinates wgs84|gcj02|bd09] [--tolerance 0.001] [--dry-run]</c>: imports a city's divisions as importDivisions does,
/// without the request-size limit, and prints the report. Exit 0 when applied (or a clean dry run), 1 on errors, 2 on usage.
/// </summary>
internal static class ImportDivisionsCommand
{
    public const string Name = "import-divisions";
    private const string Usage = "usage: NeedsMap.Api import-divisions TABLE.csv|TABLE.xlsx [--boundaries FILE.geojson|FILE.shp] [--code-field code] "
        + "[--coordinates wgs84|gcj02|bd09] [--tolerance 0.001] [--dry-run]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var tolerance = DivisionPlanner.DefaultTolerance;
        var coordinates = CoordinateSystem.Wgs84;
        if (args.Length == 0 || !File.Exists(args[0])
            || (Option("boundaries") is { } b && !File.Exists(b))
            || (Option("tolerance") is { } t && !double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out tolerance))
            || (Option("coordinates") is { } c && !Enum.TryParse(c, ignoreCase: true, out coordinates)))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Security.AccessScope>().Actor = "cli:" + Name;
        var table = args[0];
        var boundaries = Option("boundaries");
        try
        {
            var xlsx = table.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
            var source = new DivisionSource(xlsx ? null : await File.ReadAllTextAsync(table), xlsx ? await File.ReadAllBytesAsync(table) : null,
                boundaries is not null && !boundaries.EndsWith(".shp", StringComparison.OrdinalIgnoreCase) ? await File.ReadAllTextAsync(boundaries) : null,
                coordinates, tolerance)
            {
                Boundaries = boundaries?.EndsWith(".shp", StringComparison.OrdinalIgnoreCase) == true
                    ? DivisionBoundaryFile.ReadShapefile(boundaries, coordinates, Option("code-field") ?? "code") : null,
            };
            var result = await scope.ServiceProvider.GetRequiredService<DivisionImport>().ImportAsync(source, args.Contains("--dry-run"), CancellationToken.None);
            await WriteAsync(result, output);
            return result.Plan.HasErrors ? 1 : 0;
        }
        catch (NeedsMap.Api.Graph.DomainException ex)
        {
            await error.WriteLineAsync($"{Name}: {ex.Code}: {ex.Message}");
            return 1;
        }
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
