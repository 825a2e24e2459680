using NeedsMap.DemoCity.Divisions;
using NetTopologySuite.Geometries;

namespace NeedsMap.DemoCity.Boundaries;

/// <summary>
/// A jurisdiction's boundary (WGS-84, SRID 4326, always a MultiPolygon) and a point inside it that stands for the
/// jurisdiction when a need names the place but gives no coordinates.
/// </summary>
public sealed record JurisdictionBoundary(Jurisdiction Jurisdiction, MultiPolygon Geometry, Point RepresentativePoint)
{
    public string Code => Jurisdiction.Code;

    /// <summary>True area in km², measured on a sphere of the WGS-84 authalic radius (sinusoidal projection).</summary>
    public double AreaSquareKilometres => GeodesicArea.SquareKilometres(Geometry);
}
