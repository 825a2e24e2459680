using NeedsMap.DemoCity.Boundaries;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;

namespace NeedsMap.DemoCity.Needs;

/// <summary>
/// One generated need, as a channel would deliver it once parsed: who (pseudonymously), what, where, when and
/// through which channel. <see cref="Point"/> is WGS-84 and lies inside the polygon of <see cref="CommunityCode"/>.
/// </summary>
public sealed record DemoNeed(
    string ExternalId,
    string ChannelCode,
    DateTime ReceivedAt,
    string Text,
    string CategoryCode,
    GeoPoint Point,
    string Address,
    string CommunityCode,
    string Status,
    double Weight,
    DemoReporter Reporter)
{
    /// <summary>The point as an NTS geometry, SRID 4326, ready for a PostGIS geometry column.</summary>
    public Point ToPoint(GeometryFactory? factory = null) =>
        (factory ?? DemoBoundaryGenerator.Factory).CreatePoint(new Coordinate(Point.Longitude, Point.Latitude));
}

/// <summary>
/// The resident behind a need. <see cref="ReporterKey"/> is a stable pseudonym: the same resident files under the
/// same key, so distinct residents can be counted, and the other attributes always agree for one key.
/// </summary>
public sealed record DemoReporter(string ReporterKey, string AgeBand, string Gender, string Group);
