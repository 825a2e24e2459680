namespace NeedsMap.Sdk.Geo;

/// <summary>
/// Converts between WGS-84, GCJ-02 and BD-09. WGS-84 to GCJ-02 is the published forward transform;
/// GCJ-02 to WGS-84 inverts it iteratively, because the usual one-step approximation is 1-2 m off.
/// Outside China GCJ-02 equals WGS-84.
/// </summary>
public static class CoordinateConverter
{
    private const double SemiMajorAxis = 6378245.0;
    private const double EccentricitySquared = 0.00669342162296594323;
    private const double BaiduFactor = Math.PI * 3000.0 / 180.0;
    private const double InverseToleranceDegrees = 1e-9; // about 0.1 mm
    private const int MaxInverseIterations = 30;

    /// <summary>Converts a point from <paramref name="from"/> to WGS-84.</summary>
    public static GeoPoint ToWgs84(GeoPoint point, CoordinateSystem from) => from switch
    {
        CoordinateSystem.Wgs84 => point,
        CoordinateSystem.Gcj02 => Gcj02ToWgs84(point),
        CoordinateSystem.Bd09 => Gcj02ToWgs84(Bd09ToGcj02(point)),
        _ => throw new ArgumentOutOfRangeException(nameof(from), from, "Unknown coordinate system."),
    };

    /// <summary>Converts a WGS-84 point to <paramref name="to"/>.</summary>
    public static GeoPoint FromWgs84(GeoPoint point, CoordinateSystem to) => to switch
    {
        CoordinateSystem.Wgs84 => point,
        CoordinateSystem.Gcj02 => Wgs84ToGcj02(point),
        CoordinateSystem.Bd09 => Gcj02ToBd09(Wgs84ToGcj02(point)),
        _ => throw new ArgumentOutOfRangeException(nameof(to), to, "Unknown coordinate system."),
    };

    /// <summary>The rough mainland bounding box the GCJ-02 obfuscation applies inside.</summary>
    public static bool IsInsideChina(GeoPoint point) =>
        point.Longitude is >= 72.004 and <= 137.8347 && point.Latitude is >= 0.8293 and <= 55.8271;

    /// <summary>The published WGS-84 to GCJ-02 transform; identity outside China.</summary>
    public static GeoPoint Wgs84ToGcj02(GeoPoint wgs)
    {
        if (!IsInsideChina(wgs))
        {
            return wgs;
        }
        var (dLon, dLat) = Offset(wgs.Longitude, wgs.Latitude);
        return new GeoPoint(wgs.Longitude + dLon, wgs.Latitude + dLat);
    }

    /// <summary>Inverts <see cref="Wgs84ToGcj02"/> by fixed-point iteration to about 0.1 mm; identity outside China.</summary>
    public static GeoPoint Gcj02ToWgs84(GeoPoint gcj)
    {
        if (!IsInsideChina(gcj))
        {
            return gcj;
        }
        // Fixed-point iteration: the offset varies slowly, so each step shrinks the error by ~1e-5.
        var guess = new GeoPoint(gcj.Longitude, gcj.Latitude);
        for (var i = 0; i < MaxInverseIterations; i++)
        {
            var forward = Wgs84ToGcj02(guess);
            var errLon = forward.Longitude - gcj.Longitude;
            var errLat = forward.Latitude - gcj.Latitude;
            guess = new GeoPoint(guess.Longitude - errLon, guess.Latitude - errLat);
            if (Math.Abs(errLon) < InverseToleranceDegrees && Math.Abs(errLat) < InverseToleranceDegrees)
            {
                break;
            }
        }
        return guess;
    }

    /// <summary>Baidu's GCJ-02 to BD-09 transform.</summary>
    public static GeoPoint Gcj02ToBd09(GeoPoint gcj)
    {
        var x = gcj.Longitude;
        var y = gcj.Latitude;
        var z = Math.Sqrt(x * x + y * y) + 0.00002 * Math.Sin(y * BaiduFactor);
        var theta = Math.Atan2(y, x) + 0.000003 * Math.Cos(x * BaiduFactor);
        return new GeoPoint(z * Math.Cos(theta) + 0.0065, z * Math.Sin(theta) + 0.006);
    }

    /// <summary>
    /// Inverts <see cref="Gcj02ToBd09"/> to about 0.1 mm: Baidu's published one-step inverse, refined by
    /// fixed-point iteration because on its own it is up to 7 cm off.
    /// </summary>
    public static GeoPoint Bd09ToGcj02(GeoPoint bd)
    {
        var guess = ApproximateBd09ToGcj02(bd);
        for (var i = 0; i < MaxInverseIterations; i++)
        {
            var forward = Gcj02ToBd09(guess);
            var errLon = forward.Longitude - bd.Longitude;
            var errLat = forward.Latitude - bd.Latitude;
            guess = new GeoPoint(guess.Longitude - errLon, guess.Latitude - errLat);
            if (Math.Abs(errLon) < InverseToleranceDegrees && Math.Abs(errLat) < InverseToleranceDegrees)
            {
                break;
            }
        }
        return guess;
    }

    private static GeoPoint ApproximateBd09ToGcj02(GeoPoint bd)
    {
        var x = bd.Longitude - 0.0065;
        var y = bd.Latitude - 0.006;
        var z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * BaiduFactor);
        var theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * BaiduFactor);
        return new GeoPoint(z * Math.Cos(theta), z * Math.Sin(theta));
    }

    private static (double DLon, double DLat) Offset(double lon, double lat)
    {
        var x = lon - 105.0;
        var y = lat - 35.0;
        var dLat = TransformLatitude(x, y);
        var dLon = TransformLongitude(x, y);
        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - EccentricitySquared * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (SemiMajorAxis * (1 - EccentricitySquared) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (SemiMajorAxis / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }

    private static double TransformLatitude(double x, double y)
    {
        var ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double TransformLongitude(double x, double y)
    {
        var ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
