using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Weather.Grid;

/// <summary>
/// Pointy-top axial hexagons on a Lambert azimuthal equal-area projection of the sphere centred on the city, so
/// every cell of a resolution covers the same ground area. The centre and radius are constants: changing them
/// would change every id, so they are not configuration. A hexagon's edges are straight in the projection and
/// drawn straight between its projected vertices in WGS-84; at 2.5 km the two differ by well under a millimetre.
/// </summary>
public sealed class LaeaHexGrid : IHexGrid
{
    public const double CentreLongitude = 120.075;
    public const double CentreLatitude = 29.306;
    public const double EarthRadius = 6_371_008.8;
    private static readonly double Sqrt3 = Math.Sqrt(3);
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private readonly double _sinPhi0 = Math.Sin(double.DegreesToRadians(CentreLatitude));
    private readonly double _cosPhi0 = Math.Cos(double.DegreesToRadians(CentreLatitude));

    public IReadOnlyList<HexResolution> Resolutions { get; } = Enum.GetValues<HexResolution>();

    /// <summary>Centre to vertex, in projected metres.</summary>
    public static double Size(HexResolution resolution) => (int)resolution / Sqrt3;

    public HexCell CellAt(double longitude, double latitude, HexResolution resolution)
    {
        var (x, y) = Project(longitude, latitude);
        var s = Size(resolution);
        var q = (Sqrt3 / 3 * x - y / 3) / s;
        var r = 2.0 / 3 * y / s;
        var (rq, rr) = Round(q, r);
        return new HexCell(resolution, rq, rr);
    }

    public Polygon Polygon(HexCell cell)
    {
        var (cx, cy) = CentreXY(cell);
        var s = Size(cell.Resolution);
        var ring = new Coordinate[7];
        for (var i = 0; i < 6; i++)
        {
            var angle = double.DegreesToRadians(30 + 60 * i);
            var (lon, lat) = Unproject(cx + s * Math.Cos(angle), cy + s * Math.Sin(angle));
            ring[i] = new Coordinate(lon, lat);
        }
        ring[6] = ring[0].Copy();
        return Factory.CreatePolygon(ring);
    }

    public Point Centre(HexCell cell)
    {
        var (x, y) = CentreXY(cell);
        var (lon, lat) = Unproject(x, y);
        return Factory.CreatePoint(new Coordinate(lon, lat));
    }

    public IReadOnlyList<HexCell> Cover(double west, double south, double east, double north, HexResolution resolution, int limit)
    {
        // A lat/lon box is slightly curved in the projection: sample its edges for the projected extent.
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i <= 8; i++)
        {
            var t = i / 8.0;
            foreach (var (lon, lat) in new[] { (west + t * (east - west), south), (west + t * (east - west), north),
                         (west, south + t * (north - south)), (east, south + t * (north - south)) })
            {
                var (x, y) = Project(lon, lat);
                (minX, minY, maxX, maxY) = (Math.Min(minX, x), Math.Min(minY, y), Math.Max(maxX, x), Math.Max(maxY, y));
            }
        }
        var s = Size(resolution);
        var rMin = (int)Math.Floor((minY - s) / (1.5 * s));
        var rMax = (int)Math.Ceiling((maxY + s) / (1.5 * s));
        var envelope = Factory.ToGeometry(new Envelope(west, east, south, north));
        var cells = new List<HexCell>();
        for (var r = rMin; r <= rMax; r++)
        {
            var qMin = (int)Math.Floor((minX - s) / (Sqrt3 * s) - r / 2.0);
            var qMax = (int)Math.Ceiling((maxX + s) / (Sqrt3 * s) - r / 2.0);
            for (var q = qMin; q <= qMax; q++)
            {
                var cell = new HexCell(resolution, q, r);
                if (Polygon(cell).Intersects(envelope))
                {
                    cells.Add(cell);
                    if (cells.Count > limit)
                    {
                        throw new DomainException(ErrorCodes.InvalidFilter,
                            $"The box holds more than {limit} cells at {resolution}; choose a coarser resolution or a smaller box.");
                    }
                }
            }
        }
        return cells;
    }

    private static (double X, double Y) CentreXY(HexCell cell)
    {
        var s = Size(cell.Resolution);
        return (s * Sqrt3 * (cell.Q + cell.R / 2.0), s * 1.5 * cell.R);
    }

    private static (int Q, int R) Round(double q, double r)
    {
        var s = -q - r;
        var (rq, rr, rs) = (Math.Round(q), Math.Round(r), Math.Round(s));
        var (dq, dr, ds) = (Math.Abs(rq - q), Math.Abs(rr - r), Math.Abs(rs - s));
        if (dq > dr && dq > ds)
        {
            rq = -rr - rs;
        }
        else if (dr > ds)
        {
            rr = -rq - rs;
        }
        return ((int)rq, (int)rr);
    }

    internal (double X, double Y) Project(double longitude, double latitude)
    {
        var phi = double.DegreesToRadians(latitude);
        var dLambda = double.DegreesToRadians(longitude - CentreLongitude);
        var cosPhi = Math.Cos(phi);
        var k = Math.Sqrt(2 / (1 + _sinPhi0 * Math.Sin(phi) + _cosPhi0 * cosPhi * Math.Cos(dLambda)));
        return (EarthRadius * k * cosPhi * Math.Sin(dLambda),
            EarthRadius * k * (_cosPhi0 * Math.Sin(phi) - _sinPhi0 * cosPhi * Math.Cos(dLambda)));
    }

    internal (double Longitude, double Latitude) Unproject(double x, double y)
    {
        var rho = Math.Sqrt(x * x + y * y);
        if (rho < 1e-9)
        {
            return (CentreLongitude, CentreLatitude);
        }
        var c = 2 * Math.Asin(rho / (2 * EarthRadius));
        var (sinC, cosC) = Math.SinCos(c);
        var phi = Math.Asin(cosC * _sinPhi0 + y * sinC * _cosPhi0 / rho);
        var lambda = Math.Atan2(x * sinC, rho * _cosPhi0 * cosC - y * _sinPhi0 * sinC);
        return (CentreLongitude + double.RadiansToDegrees(lambda), double.RadiansToDegrees(phi));
    }
}
