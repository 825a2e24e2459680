using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Jurisdictions.Divisions;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Divisions;
using NeedsMap.Sdk.Geo;
using Jurisdiction = NeedsMap.Api.Jurisdictions.Jurisdiction;

namespace NeedsMap.Api.Data.Seeding;

/// <summary>
/// A city other than Yiwu for the demo and the tests (<c>NeedsMap:Demo:CityData</c>, which <c>scripts/run --city CODE</c>
/// sets): a folder with <c>divisions.csv</c> (or .xlsx) and optionally one <c>*.geojson</c> of boundaries, GCJ-02 when its
/// name says <c>gcj02</c> (BD-09: <c>bd09</c>). It is loaded through the divisions import, so an outline-only city gets
/// generated streets and communities; the demo's needs are then generated over what was stored.
/// </summary>
public static class CityDataFolder
{
    public const string Setting = "NeedsMap:Demo:CityData";

    public static DivisionSource Read(string folder)
    {
        var csv = Path.Combine(folder, "divisions.csv");
        var xlsx = Path.Combine(folder, "divisions.xlsx");
        if (!File.Exists(csv) && !File.Exists(xlsx))
        {
            throw new InvalidOperationException($"{Setting}: {folder} holds neither divisions.csv nor divisions.xlsx.");
        }
        var geojson = Directory.GetFiles(folder, "*.geojson").Order(StringComparer.Ordinal).FirstOrDefault();
        var name = geojson is null ? "" : Path.GetFileName(geojson).ToLowerInvariant();
        var datum = name.Contains("gcj02", StringComparison.Ordinal) ? CoordinateSystem.Gcj02
            : name.Contains("bd09", StringComparison.Ordinal) ? CoordinateSystem.Bd09 : CoordinateSystem.Wgs84;
        return new DivisionSource(File.Exists(csv) ? File.ReadAllText(csv) : null, File.Exists(csv) ? null : File.ReadAllBytes(xlsx),
            geojson is null ? null : File.ReadAllText(geojson), datum, DivisionPlanner.DefaultTolerance);
    }

    /// <summary>The stored city, streets and communities as the needs generator takes them (grids below are not needed there).</summary>
    public static DemoBoundaries Boundaries(IReadOnlyList<Jurisdiction> stored)
    {
        JurisdictionBoundary Of(Jurisdiction j) => new(
            new NeedsMap.DemoCity.Divisions.Jurisdiction(j.Code, j.Name, j.OfficialName, j.ParentCode, KindOf(j)), j.Boundary, j.InteriorPoint);
        var city = stored.Single(j => j.Level == JurisdictionLevel.City);
        var streets = stored.Where(j => j.Level == JurisdictionLevel.Street).OrderBy(j => j.Code, StringComparer.Ordinal).Select(Of).ToList();
        var communities = stored.Where(j => j.Level == JurisdictionLevel.Community).OrderBy(j => j.Code, StringComparer.Ordinal).Select(Of).ToList();
        return DemoBoundaries.Of(Of(city), streets, communities);
    }

    private static JurisdictionKind KindOf(Jurisdiction j) => j.Kind switch
    {
        "town" => JurisdictionKind.Town,
        "village" => JurisdictionKind.Village,
        _ => j.Level switch
        {
            JurisdictionLevel.City => JurisdictionKind.City,
            JurisdictionLevel.Street => JurisdictionKind.Street,
            _ => JurisdictionKind.Community,
        },
    };
}
