using NeedsMap.Api.Reference;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Divisions;
using Jurisdiction = NeedsMap.Api.Reference.Jurisdiction;

namespace NeedsMap.Api.Demo.Seeding;

/// <summary>
/// A city other than Yiwu for the demo and the tests (<c>NeedsMap:Demo:CityData</c>, which <c>scripts/run --city CODE</c>
/// sets): a folder with <c>divisions.csv</c> (or .xlsx) and optionally one <c>*.geojson</c> of boundaries, GCJ-02 when its
/// name says <c>gcj02</c> (BD-09: <c>bd09</c>). It is loaded through the divisions import (<see cref="Divisions.ICityDataLoader"/>,
/// which Divisions implements), so an outline-only city gets generated streets and communities;
/// the demo's needs are then generated over what was stored.
/// </summary>
public static class CityDataFolder
{
    public const string Setting = "NeedsMap:Demo:CityData";

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
