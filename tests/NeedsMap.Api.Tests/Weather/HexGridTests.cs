using NeedsMap.Api.Weather.Grid;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Tests.Weather;

public sealed class HexGridTests
{
    private static readonly LaeaHexGrid Grid = new();
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(120.075, 29.306, HexResolution.R500, "r500:0:0")]
    [InlineData(120.0812, 29.3102, HexResolution.R100, "r100:3:6")]
    [InlineData(119.92, 29.21, HexResolution.R2500, "r2500:-4:-5")]
    [InlineData(120.25, 29.45, HexResolution.R1000, "r1000:8:18")]
    public void Cell_ids_are_pinned_so_stored_rollups_stay_valid(double lon, double lat, HexResolution resolution, string id)
    {
        Assert.Equal(id, Grid.CellAt(lon, lat, resolution).Id);
    }

    [Fact]
    public void Ids_parse_back_to_the_same_cell_and_reject_garbage()
    {
        var cell = new HexCell(HexResolution.R250, -17, 42);
        Assert.True(HexCell.TryParse(cell.Id, out var parsed));
        Assert.Equal(cell, parsed);
        Assert.False(HexCell.TryParse("r300:1:2", out _));
        Assert.False(HexCell.TryParse("r500:1", out _));
        Assert.False(HexCell.TryParse("x500:1:2", out _));
    }

    [Fact]
    public void Every_cell_polygon_contains_the_points_it_was_computed_for()
    {
        var random = new Random(20261127);
        foreach (var resolution in Grid.Resolutions)
        {
            for (var i = 0; i < 2000; i++)
            {
                var lon = 119.85 + random.NextDouble() * 0.45;
                var lat = 29.05 + random.NextDouble() * 0.45;
                var cell = Grid.CellAt(lon, lat, resolution);
                var polygon = Grid.Polygon(cell);
                var point = polygon.Factory.CreatePoint(new Coordinate(lon, lat));
                Assert.True(polygon.Distance(point) < Tolerance, $"{cell.Id} does not contain {lon} {lat}");
                Assert.True(polygon.IsValid);
                Assert.Equal(cell, Grid.CellAt(Grid.Centre(cell).X, Grid.Centre(cell).Y, resolution));
            }
        }
    }

    [Theory]
    [InlineData(HexResolution.R100)]
    [InlineData(HexResolution.R500)]
    [InlineData(HexResolution.R2500)]
    public void Cells_are_as_wide_as_their_resolution_and_equal_in_area(HexResolution resolution)
    {
        var near = Grid.Polygon(Grid.CellAt(120.075, 29.306, resolution));
        var far = Grid.Polygon(Grid.CellAt(120.30, 29.50, resolution));
        var expectedArea = Math.Sqrt(3) / 2 * (int)resolution * (int)resolution;
        Assert.Equal(expectedArea, AreaSquareMetres(near), expectedArea * 0.002);
        Assert.Equal(expectedArea, AreaSquareMetres(far), expectedArea * 0.002);
    }

    [Fact]
    public void Cover_returns_every_cell_a_point_in_the_box_falls_in()
    {
        var cover = Grid.Cover(120.05, 29.28, 120.10, 29.33, HexResolution.R500, 10_000).ToHashSet();
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var cell = Grid.CellAt(120.05 + random.NextDouble() * 0.05, 29.28 + random.NextDouble() * 0.05, HexResolution.R500);
            Assert.Contains(cell, cover);
        }
        Assert.Throws<NeedsMap.Api.Common.Errors.DomainException>(() => Grid.Cover(119.0, 28.0, 121.0, 30.0, HexResolution.R100, 1000));
    }

    // Shoelace on a local equirectangular plane of the sphere: good to 0.1% at cell sizes.
    private static double AreaSquareMetres(Polygon polygon)
    {
        var c = polygon.Centroid;
        // The grid projects the sphere, so measure on the same sphere.
        const double ky = 6_371_008.8 * Math.PI / 180;
        var kx = ky * Math.Cos(double.DegreesToRadians(c.Y));
        var ring = polygon.ExteriorRing.Coordinates;
        double sum = 0;
        for (var i = 0; i < ring.Length - 1; i++)
        {
            sum += (ring[i].X - c.X) * kx * (ring[i + 1].Y - c.Y) * ky - (ring[i + 1].X - c.X) * kx * (ring[i].Y - c.Y) * ky;
        }
        return Math.Abs(sum) / 2;
    }
}

public sealed class TimeBlockTests
{
    [Fact]
    public void A_range_is_covered_exactly_once_by_aligned_blocks()
    {
        var first = new DateOnly(2026, 5, 3);
        var last = first.AddDays(149);
        var blocks = NeedsMap.Api.Weather.Rollups.TimeBlocks.Cover(first, last).ToList();
        var days = blocks.SelectMany(b => Enumerable.Range(0, b.Size).Select(i => b.Start.AddDays(i))).ToList();
        Assert.Equal(Enumerable.Range(0, 150).Select(i => first.AddDays(i)), days);
        Assert.All(blocks, b => Assert.Equal(b.Start, NeedsMap.Api.Weather.Rollups.TimeBlocks.StartOf(b.Start, b.Size)));
        Assert.True(blocks.Count < 20, $"{blocks.Count} blocks");
    }
}
