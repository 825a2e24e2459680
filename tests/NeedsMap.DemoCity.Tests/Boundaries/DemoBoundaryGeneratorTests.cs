using System.Security.Cryptography;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Divisions;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.OverlayNG;

namespace NeedsMap.DemoCity.Tests.Boundaries;

public sealed class DemoBoundaryGeneratorTests
{
    private static DemoBoundaries B => Yiwu.Boundaries;

    [Fact]
    public void Streets_areas_add_up_to_the_outline_area()
    {
        var sum = B.Streets.Sum(s => s.Geometry.Area);
        AssertRelativelyEqual(B.RawOutline.Area, sum);
        AssertRelativelyEqual(B.RawOutline.Area, B.City.Geometry.Area);
    }

    [Fact]
    public void The_union_of_the_streets_is_the_outline()
    {
        var union = OverlayNGRobust.Union(B.Streets.Select(s => (Geometry)s.Geometry).ToList());
        Assert.True(union.SymmetricDifference(B.RawOutline).Area < Yiwu.RelativeAreaTolerance * B.RawOutline.Area);
        Assert.True(B.City.Geometry.SymmetricDifference(B.RawOutline).Area < Yiwu.RelativeAreaTolerance * B.RawOutline.Area);
    }

    [Fact]
    public void Streets_do_not_overlap()
    {
        AssertNoOverlaps(B.Streets);
    }

    [Fact]
    public void The_communities_of_each_street_tile_it_exactly()
    {
        foreach (var street in B.Streets)
        {
            var communities = B.CommunitiesOf(street.Code).ToList();
            Assert.Equal(YiwuDivisions.ChildrenOf(street.Code).Count, communities.Count);
            AssertRelativelyEqual(street.Geometry.Area, communities.Sum(c => c.Geometry.Area));
            var union = OverlayNGRobust.Union(communities.Select(c => (Geometry)c.Geometry).ToList());
            Assert.True(union.SymmetricDifference(street.Geometry).Area < Yiwu.RelativeAreaTolerance * street.Geometry.Area,
                street.Jurisdiction.Name);
            AssertNoOverlaps(communities);
        }
    }

    [Fact]
    public void Every_boundary_is_a_valid_non_empty_multipolygon_in_wgs84()
    {
        Assert.Equal(14, B.Streets.Count);
        Assert.Equal(544, B.Communities.Count);
        Assert.All(B.Streets.Concat(B.Communities).Append(B.City), b =>
        {
            Assert.IsType<MultiPolygon>(b.Geometry);
            Assert.False(b.Geometry.IsEmpty);
            Assert.True(b.Geometry.IsValid, b.Jurisdiction.Name);
            Assert.Equal(4326, b.Geometry.SRID);
            Assert.Equal(4326, b.RepresentativePoint.SRID);
            Assert.True(b.Geometry.Area > 0);
        });
    }

    [Fact]
    public void Every_street_and_community_is_one_piece()
    {
        Assert.All(B.Streets.Concat(B.Communities), b => Assert.Equal(1, b.Geometry.NumGeometries));
    }

    [Fact]
    public void Representative_points_lie_inside_their_jurisdiction()
    {
        Assert.All(B.Streets.Concat(B.Communities).Append(B.City),
            b => Assert.True(b.Geometry.Contains(b.RepresentativePoint), b.Jurisdiction.Name));
        Assert.All(B.Communities, c => Assert.Equal(c.Jurisdiction,
            B.CommunityAt(c.RepresentativePoint.X, c.RepresentativePoint.Y)));
    }

    [Fact]
    public void A_place_named_in_a_need_geocodes_to_a_point_inside_it()
    {
        var jimingshan = Assert.Single(B.FindByName("鸡鸣山社区"));
        Assert.Equal(YiwuDivisions.JimingshanCode, jimingshan.Code);
        Assert.True(jimingshan.Geometry.Contains(jimingshan.RepresentativePoint));
        Assert.Equal(2, B.FindByName("车站社区").Count);
    }

    [Fact]
    public void Urban_streets_are_small_and_rural_towns_large_summing_to_Yiwus_1105_km2()
    {
        Assert.InRange(B.City.AreaSquareKilometres, 1095, 1115);
        var chengcheng = B.Get("330782001").AreaSquareKilometres;
        var fotang = B.Get("330782100").AreaSquareKilometres;
        Assert.InRange(chengcheng, 5, 35);
        Assert.InRange(fotang, 90, 200);
        var urbanCommunity = B.Communities.Where(c => c.Jurisdiction.Kind == JurisdictionKind.Community)
            .Average(c => c.AreaSquareKilometres);
        var village = B.Communities.Where(c => c.Jurisdiction.Kind == JurisdictionKind.Village)
            .Average(c => c.AreaSquareKilometres);
        Assert.True(urbanCommunity < village, $"社区 average {urbanCommunity:F2} km², village {village:F2} km²");
    }

    [Fact]
    public void Jimingshan_lies_inside_Jiangdong_street()
    {
        var jimingshan = B.Get(YiwuDivisions.JimingshanCode);
        Assert.Equal(YiwuDivisions.JiangdongCode, jimingshan.Jurisdiction.ParentCode);
        Assert.True(B.Get(YiwuDivisions.JiangdongCode).Geometry.Covers(jimingshan.Geometry));
    }

    // Around Yiwu the GCJ-02 formula shifts points about 459 m east and 277 m SOUTH (its latitude term is negative
    // here, as in Shanghai), so converting back moves the outline west and north. The data README's "north" for the
    // GCJ offset is the sign slip; the magnitude, ~540 m, is as it says.
    [Fact]
    public void Converting_the_outline_from_GCJ02_moves_it_about_540_m_west_and_north()
    {
        var gcj = OutlineReader.ReadGcj02().Centroid;
        var wgs = B.RawOutline.Centroid;
        const double metresPerDegree = 111_195.0;
        var westMetres = (gcj.X - wgs.X) * metresPerDegree * Math.Cos(wgs.Y * Math.PI / 180);
        var northMetres = (wgs.Y - gcj.Y) * metresPerDegree;
        Assert.InRange(westMetres, 430, 490);
        Assert.InRange(northMetres, 250, 310);
        Assert.InRange(Math.Sqrt(westMetres * westMetres + northMetres * northMetres), 510, 570);
        Assert.True(B.RawOutline.IsValid);
    }

    [Fact]
    public void Generating_twice_gives_identical_boundaries()
    {
        Assert.Equal(Fingerprint(DemoBoundaryGenerator.Generate()), Fingerprint(B));
    }

    [Fact]
    public void Boundaries_say_they_are_generated_not_official()
    {
        Assert.True(B.IsGenerated);
        Assert.Contains("GENERATED", DemoBoundaries.Provenance, StringComparison.Ordinal);
        Assert.Contains("not official", DemoBoundaries.Provenance, StringComparison.Ordinal);
    }

    private static string Fingerprint(DemoBoundaries boundaries)
    {
        var writer = new WKBWriter();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var b in boundaries.Streets.Concat(boundaries.Communities).Append(boundaries.City))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(b.Code));
            hash.AppendData(writer.Write(b.Geometry));
            hash.AppendData(writer.Write(b.RepresentativePoint));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void AssertRelativelyEqual(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Yiwu.RelativeAreaTolerance * expected,
            $"expected {expected:R}, got {actual:R}, relative error {Math.Abs(expected - actual) / expected:E2}");

    private static void AssertNoOverlaps(IReadOnlyList<JurisdictionBoundary> boundaries)
    {
        for (var i = 0; i < boundaries.Count; i++)
        {
            for (var j = i + 1; j < boundaries.Count; j++)
            {
                var a = boundaries[i].Geometry;
                var b = boundaries[j].Geometry;
                if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal))
                {
                    continue;
                }
                var overlap = a.Intersection(b).Area;
                Assert.True(overlap < 1e-15 * Math.Min(a.Area, b.Area) + 1e-18,
                    $"{boundaries[i].Jurisdiction.Name} and {boundaries[j].Jurisdiction.Name} overlap by {overlap:E2} deg²");
            }
        }
    }
}
