using NeedsMap.Sdk.Geo;

namespace NeedsMap.Sdk.Tests.Geo;

public class CoordinateConverterTests
{
    // Published reference values are quoted to 1e-5 degrees or better; 1e-6 degrees is about 0.1 m.
    private const double ReferenceToleranceDegrees = 1e-6;
    private const double BaiduServiceToleranceDegrees = 1.5e-5;
    private const double RoundTripToleranceMetres = 0.01;

    // WGS-84 → GCJ-02 pairs from googollee/eviltransform's test suite (Shanghai, Shenzhen, Beijing)
    // and from wandergis/coordtransform's README (116.404, 39.915).
    public static TheoryData<double, double, double, double> WgsGcjReferencePairs => new()
    {
        { 121.5272106, 31.1774276, 121.531541859215, 31.17530398364597 },
        { 113.912316, 22.543847, 113.9171764808363, 22.540796131694766 },
        { 116.377817, 39.911954, 116.38404722455657, 39.91334545536069 },
        { 116.404, 39.915, 116.41024449916938, 39.91640428150164 },
    };

    [Theory]
    [MemberData(nameof(WgsGcjReferencePairs))]
    public void Wgs84_to_gcj02_matches_published_reference_points(double wgsLon, double wgsLat, double gcjLon, double gcjLat)
    {
        var gcj = CoordinateConverter.Wgs84ToGcj02(new GeoPoint(wgsLon, wgsLat));

        Assert.Equal(gcjLon, gcj.Longitude, ReferenceToleranceDegrees);
        Assert.Equal(gcjLat, gcj.Latitude, ReferenceToleranceDegrees);
    }

    [Theory]
    [MemberData(nameof(WgsGcjReferencePairs))]
    public void Gcj02_to_wgs84_recovers_the_published_wgs84_point(double wgsLon, double wgsLat, double gcjLon, double gcjLat)
    {
        var wgs = CoordinateConverter.Gcj02ToWgs84(new GeoPoint(gcjLon, gcjLat));

        Assert.True(DistanceMetres(wgs, new GeoPoint(wgsLon, wgsLat)) < RoundTripToleranceMetres);
    }

    [Fact]
    public void Gcj02_to_bd09_matches_the_published_reference_points()
    {
        // wandergis/coordtransform README: gcj02tobd09(116.404, 39.915), the published formula itself.
        var tiananmen = CoordinateConverter.Gcj02ToBd09(new GeoPoint(116.404, 39.915));
        Assert.Equal(116.41036949371029, tiananmen.Longitude, ReferenceToleranceDegrees);
        Assert.Equal(39.92133699351021, tiananmen.Latitude, ReferenceToleranceDegrees);

        // Beijing railway station as Baidu's own service gives it: GCJ-02 (116.42703, 39.90245), BD-09
        // (116.43351, 39.90851), quoted to five decimals. The public formula matches it to about a metre.
        var station = CoordinateConverter.Gcj02ToBd09(new GeoPoint(116.42703, 39.90245));
        Assert.Equal(116.43351, station.Longitude, BaiduServiceToleranceDegrees);
        Assert.Equal(39.90851, station.Latitude, BaiduServiceToleranceDegrees);
    }

    [Fact]
    public void Gcj02_inverse_round_trips_within_a_centimetre_over_a_grid_covering_china()
    {
        var worst = 0.0;
        for (var lon = 73.5; lon <= 135.0; lon += 0.5)
        {
            for (var lat = 18.0; lat <= 53.5; lat += 0.5)
            {
                var wgs = new GeoPoint(lon + 0.123456, lat + 0.0654321);
                var back = CoordinateConverter.Gcj02ToWgs84(CoordinateConverter.Wgs84ToGcj02(wgs));
                worst = Math.Max(worst, DistanceMetres(wgs, back));
            }
        }

        Assert.True(worst < RoundTripToleranceMetres, $"worst round-trip error {worst} m");
    }

    [Fact]
    public void Gcj02_offset_in_yiwu_is_hundreds_of_metres_so_forgetting_it_would_misplace_needs()
    {
        var jimingshan = new GeoPoint(120.0815, 29.3055);

        var offset = DistanceMetres(jimingshan, CoordinateConverter.Wgs84ToGcj02(jimingshan));

        Assert.InRange(offset, 200, 800);
    }

    [Theory]
    [InlineData(-0.1276, 51.5072)]   // London
    [InlineData(139.6917, 35.6895)]  // Tokyo
    [InlineData(-74.006, 40.7128)]   // New York
    [InlineData(151.2093, -33.8688)] // Sydney
    public void Points_outside_china_are_left_unchanged(double lon, double lat)
    {
        var point = new GeoPoint(lon, lat);

        Assert.False(CoordinateConverter.IsInsideChina(point));
        Assert.Equal(point, CoordinateConverter.Wgs84ToGcj02(point));
        Assert.Equal(point, CoordinateConverter.Gcj02ToWgs84(point));
        Assert.Equal(point, CoordinateConverter.ToWgs84(point, CoordinateSystem.Gcj02));
    }

    [Fact]
    public void Bd09_inverse_round_trips_within_a_centimetre_over_china()
    {
        var worst = 0.0;
        for (var lon = 73.5; lon <= 135.0; lon += 1.5)
        {
            for (var lat = 18.0; lat <= 53.5; lat += 1.5)
            {
                var gcj = new GeoPoint(lon + 0.0321, lat + 0.0123);
                var back = CoordinateConverter.Bd09ToGcj02(CoordinateConverter.Gcj02ToBd09(gcj));
                worst = Math.Max(worst, DistanceMetres(gcj, back));
            }
        }

        Assert.True(worst < RoundTripToleranceMetres, $"worst round-trip error {worst} m");
    }

    [Theory]
    [InlineData(CoordinateSystem.Wgs84)]
    [InlineData(CoordinateSystem.Gcj02)]
    [InlineData(CoordinateSystem.Bd09)]
    public void From_wgs84_then_back_returns_the_same_point_in_yiwu(CoordinateSystem system)
    {
        var wgs = new GeoPoint(120.0752, 29.3068);

        var back = CoordinateConverter.ToWgs84(CoordinateConverter.FromWgs84(wgs, system), system);

        Assert.True(DistanceMetres(wgs, back) < RoundTripToleranceMetres);
    }

    [Fact]
    public void Record_location_converts_its_own_datum_to_wgs84()
    {
        var wgs = new GeoPoint(120.0752, 29.3068);
        var bd = CoordinateConverter.FromWgs84(wgs, CoordinateSystem.Bd09);

        var location = new RecordLocation(bd.Longitude, bd.Latitude, CoordinateSystem.Bd09);

        Assert.True(DistanceMetres(wgs, location.ToWgs84()) < RoundTripToleranceMetres);
    }

    private static double DistanceMetres(GeoPoint a, GeoPoint b)
    {
        const double earthRadius = 6371008.8;
        var dLat = double.DegreesToRadians(b.Latitude - a.Latitude);
        var dLon = double.DegreesToRadians(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(double.DegreesToRadians(a.Latitude)) * Math.Cos(double.DegreesToRadians(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * earthRadius * Math.Asin(Math.Sqrt(h));
    }
}
