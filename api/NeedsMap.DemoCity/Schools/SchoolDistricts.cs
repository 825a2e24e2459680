using NeedsMap.DemoCity.Boundaries;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace NeedsMap.DemoCity.Schools;

/// <summary>A school of the demo, at its community's representative point (generated, like the boundaries), with how its demand grows.</summary>
public sealed record DemoSchool(string Code, string Name, string StreetCode, int CommunityIndex, double MonthlyLevel, double GrowthPerYear,
    int? NewEstatesYear, string Why);

/// <summary>A school district (学区): the communities whose centres are nearest its school, within <see cref="SchoolDistricts.MaxKilometres"/>.</summary>
public sealed record DemoSchoolDistrict(string Code, string Name, DemoSchool School, Point Location, Geometry Boundary, IReadOnlyList<string> CommunityCodes);

/// <summary>
/// The demo's school districts in Yiwu: six schools (four of them the needs generator's school hotspots) placed at
/// their community's representative point; each district takes the communities nearest its school within 3 km.
/// Generated, not official: real districts come from the education bureau through importServiceAreas.
/// </summary>
public static class SchoolDistricts
{
    public const double MaxKilometres = 3.0;
    public const string Source = "demo (generated around generated school locations)";

    public static IReadOnlyList<DemoSchool> Schools { get; } =
    [
        new("XQ-YW-01", "绣湖小学学区", "330782001", 3, 12, -0.03, null, "old town: fewer children each year"),
        new("XQ-YW-02", "稠州中学学区", "330782004", 11, 9, 0.05, null, "steady growth"),
        new("XQ-YW-03", "江东中学学区", "330782002", 3, 8, 0.02, null, "flat"),
        new("XQ-YW-04", "稠江新区小学学区", "330782003", 2, 9, 0.12, 3, "new estates delivered in the district's fourth year"),
        new("XQ-YW-05", "后宅小学学区", "330782005", 0, 6, 0.08, null, "migrant families settling"),
        new("XQ-YW-06", "佛堂镇中心小学学区", "330782100", 0, 5, -0.01, null, "a town that stays the same"),
    ];

    public static IReadOnlyList<DemoSchoolDistrict> For(DemoBoundaries boundaries)
    {
        var schools = Schools.Select(s => (School: s, Site: boundaries.CommunitiesOf(s.StreetCode)[s.CommunityIndex].RepresentativePoint)).ToList();
        var members = schools.ToDictionary(s => s.School.Code, _ => new List<JurisdictionBoundary>());
        foreach (var community in boundaries.Communities)
        {
            var nearest = schools.Select(s => (s.School, Km: Kilometres(s.Site, community.RepresentativePoint))).MinBy(s => s.Km);
            if (nearest.Km <= MaxKilometres)
            {
                members[nearest.School.Code].Add(community);
            }
        }
        return [.. schools.Select(s =>
        {
            var parts = members[s.School.Code];
            var boundary = UnaryUnionOp.Union(parts.Select(p => (Geometry)p.Geometry).ToList());
            boundary.SRID = 4326;
            return new DemoSchoolDistrict(s.School.Code, s.School.Name, s.School, s.Site, boundary, [.. parts.Select(p => p.Code).Order(StringComparer.Ordinal)]);
        })];
    }

    private static double Kilometres(Point a, Point b)
    {
        var dy = (a.Y - b.Y) * 111.195;
        var dx = (a.X - b.X) * 111.195 * Math.Cos(a.Y * Math.PI / 180);
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
