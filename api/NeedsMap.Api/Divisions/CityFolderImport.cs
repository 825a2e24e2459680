using NeedsMap.Api.Demo.Seeding;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Divisions;

/// <summary>A <see cref="CityDataFolder"/> loaded through the divisions import, for the demo and the tests' other county.</summary>
public sealed class CityFolderImport(DivisionImport divisions, ILogger<CityFolderImport> logger) : ICityDataLoader
{
    public async Task LoadAsync(string folder, CancellationToken cancellationToken)
    {
        var imported = await divisions.ImportAsync(Read(folder), dryRun: false, cancellationToken);
        if (!imported.Applied)
        {
            throw new InvalidOperationException($"{CityDataFolder.Setting}: the divisions in {folder} were refused: "
                + string.Join("; ", imported.Plan.Issues.Where(i => i.Severity == DivisionIssueSeverity.Error).Take(5).Select(i => i.Message)));
        }
        logger.LogInformation("Loaded the city from {Folder}: {Count} jurisdictions ({Generated} boundaries generated)", folder,
            imported.Plan.Divisions.Count, imported.Plan.Generated);
    }

    public static DivisionSource Read(string folder)
    {
        var csv = Path.Combine(folder, "divisions.csv");
        var xlsx = Path.Combine(folder, "divisions.xlsx");
        if (!File.Exists(csv) && !File.Exists(xlsx))
        {
            throw new InvalidOperationException($"{CityDataFolder.Setting}: {folder} holds neither divisions.csv nor divisions.xlsx.");
        }
        var geojson = Directory.GetFiles(folder, "*.geojson").Order(StringComparer.Ordinal).FirstOrDefault();
        var name = geojson is null ? "" : Path.GetFileName(geojson).ToLowerInvariant();
        var datum = name.Contains("gcj02", StringComparison.Ordinal) ? CoordinateSystem.Gcj02
            : name.Contains("bd09", StringComparison.Ordinal) ? CoordinateSystem.Bd09 : CoordinateSystem.Wgs84;
        return new DivisionSource(File.Exists(csv) ? File.ReadAllText(csv) : null, File.Exists(csv) ? null : File.ReadAllBytes(xlsx),
            geojson is null ? null : File.ReadAllText(geojson), datum, DivisionPlanner.DefaultTolerance);
    }

}
