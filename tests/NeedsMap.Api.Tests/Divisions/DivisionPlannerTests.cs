using MiniExcelLibs;
using NeedsMap.Api.Divisions;
using NeedsMap.Api.Reference;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace NeedsMap.Api.Tests.Divisions;

/// <summary>The validation report and the plan, without a database: squares of a degree near Yiwu stand for divisions.</summary>
public sealed class DivisionPlannerTests
{
    private static readonly WKTReader Wkt = new();

    private static MultiPolygon Box(double x0, double y0, double x1, double y1)
    {
        var g = Wkt.Read($"POLYGON(({120 + x0} {29 + y0}, {120 + x1} {29 + y0}, {120 + x1} {29 + y1}, {120 + x0} {29 + y1}, {120 + x0} {29 + y0}))");
        return DivisionBoundaryFile.Normalize(g, CoordinateSystem.Wgs84);
    }

    private static List<DivisionRow> Rows(string csv) => DivisionTable.ReadCsv(csv).Rows;

    private const string ThreeLevels = """
        code,name,parent,level
        100,City,,city
        101,Street A,100,street
        102,Street B,100,street
        101001,Community A1,101,community
        """;

    private static DivisionPlan Plan(string csv, Dictionary<string, MultiPolygon> boundaries, double tolerance = 0.001) =>
        DivisionPlanner.Plan(Rows(csv), boundaries, [], tolerance);

    private static string[] Errors(DivisionPlan plan) =>
        [.. plan.Issues.Where(i => i.Severity == DivisionIssueSeverity.Error).Select(i => i.Code + ":" + i.Division)];

    [Fact]
    public void A_clean_tree_gets_levels_paths_and_official_boundaries()
    {
        var plan = Plan(ThreeLevels, new()
        {
            ["100"] = Box(0, 0, 2, 1), ["101"] = Box(0, 0, 1, 1), ["102"] = Box(1, 0, 2, 1), ["101001"] = Box(0, 0, 1, 1),
        });
        Assert.Empty(Errors(plan));
        var a1 = Assert.Single(plan.Divisions, d => d.Code == "101001");
        Assert.Equal(JurisdictionLevel.Community, a1.Level);
        Assert.Equal("100.101.101001.", a1.Path);
        Assert.Equal(DivisionChange.Added, a1.Change);
        Assert.All(plan.Divisions, d => Assert.Equal(DivisionPlanner.Official, d.BoundarySource));
    }

    [Fact]
    public void Duplicate_codes_unknown_parents_cycles_and_wrong_levels_are_errors_and_nothing_is_planned()
    {
        var plan = Plan("""
            code,name,parent,level
            100,City,,city
            101,Street A,100,street
            101,Street A again,100,street
            201,Orphan,999,street
            301,Loop one,302,
            302,Loop two,301,
            102,Street B,100,community
            """, new() { ["100"] = Box(0, 0, 2, 1) });
        var errors = Errors(plan);
        Assert.Contains("DUPLICATE_CODE:101", errors);
        Assert.Contains("UNKNOWN_PARENT:201", errors);
        Assert.Contains("CYCLE:301", errors);
        Assert.Contains("LEVEL_MISMATCH:102", errors);
        Assert.True(plan.HasErrors);
        Assert.Empty(plan.Divisions);
    }

    [Theory]
    [InlineData(0, 1.2, 1, 2, "OVERLAP:101")]
    [InlineData(0, 0.9, 1, 2, "GAP:100")]
    [InlineData(0, 1, 1, 2.3, "OUTSIDE_PARENT:102")]
    public void Overlaps_gaps_and_boundaries_outside_the_parent_above_the_tolerance_are_errors(double a0, double a1, double b0, double b1, string expected)
    {
        var csv = "code,name,parent\n100,City,\n101,A,100\n102,B,100\n";
        var plan = Plan(csv, new() { ["100"] = Box(0, 0, 2, 1), ["101"] = Box(a0, 0, a1, 1), ["102"] = Box(b0, 0, b1, 1) });
        Assert.Contains(expected, Errors(plan));
        // The same files pass once the tolerance is above what was measured.
        var share = plan.Issues.First(i => i.Code + ":" + i.Division == expected).Share!.Value;
        Assert.Empty(Errors(Plan(csv, new() { ["100"] = Box(0, 0, 2, 1), ["101"] = Box(a0, 0, a1, 1), ["102"] = Box(b0, 0, b1, 1) }, share + 0.01)));
    }

    [Fact]
    public void An_outline_only_city_gets_generated_streets_communities_and_grids_that_tile_it()
    {
        var plan = Plan("""
            code,name,parent,level,kind
            100,City,,city,city
            101,Street A,100,street,street
            102,Town B,100,street,town
            101001,Community A1,101,community,community
            101002,Village A2,101,community,village
            101003,Community A3,101,community,community
            101001001,Grid 1,101001,grid,网格
            101001002,Grid 2,101001,grid,网格
            """, new() { ["100"] = Box(0, 0, 0.2, 0.1) });
        Assert.Empty(Errors(plan));
        Assert.Equal(3, plan.Issues.Count(i => i.Code == "GENERATED"));
        Assert.Equal(7, plan.Generated);
        var city = plan.Divisions.Single(d => d.Code == "100").Boundary;
        foreach (var level in new[] { JurisdictionLevel.Street })
        {
            var pieces = plan.Divisions.Where(d => d.Level == level).Select(d => d.Boundary.Area).Sum();
            Assert.Equal(city.Area, pieces, 1e-9);
        }
        var streetA = plan.Divisions.Single(d => d.Code == "101").Boundary;
        Assert.Equal(streetA.Area, plan.Divisions.Where(d => d.ParentCode == "101").Sum(d => d.Boundary.Area), 1e-9);
        Assert.All(plan.Divisions.Where(d => d.ParentCode is not null), d =>
        {
            Assert.True(plan.Divisions.Single(p => p.Code == d.ParentCode).Boundary.Buffer(1e-9).Covers(d.Boundary), d.Code);
            Assert.True(d.Boundary.Covers(d.InteriorPoint), d.Code);
        });
        Assert.Equal(JurisdictionLevel.Grid, plan.Divisions.Single(d => d.Code == "101001002").Level);
        Assert.Equal("网格", plan.Divisions.Single(d => d.Code == "101001002").Kind);
    }

    [Fact]
    public void Five_levels_are_too_deep()
    {
        var plan = Plan("code,name,parent\n1,C,\n2,S,1\n3,Co,2\n4,G,3\n5,Below,4\n", new() { ["1"] = Box(0, 0, 1, 1) });
        Assert.Contains("TOO_DEEP:5", Errors(plan));
    }

    [Fact]
    public void A_re_import_of_unchanged_files_changes_nothing_and_a_new_name_is_an_update()
    {
        var boundaries = new Dictionary<string, MultiPolygon> { ["100"] = Box(0, 0, 2, 1), ["101"] = Box(0, 0, 1, 1), ["102"] = Box(1, 0, 2, 1) };
        var csv = "code,name,parent\n100,City,\n101,A,100\n102,B,100\n";
        var first = Plan(csv, boundaries);
        var stored = first.Divisions.Select(d => new Jurisdiction
        {
            Code = d.Code, Name = d.Name, OfficialName = d.OfficialName, Level = d.Level, Kind = d.Kind, ParentCode = d.ParentCode, Path = d.Path,
            Boundary = d.Boundary, InteriorPoint = d.InteriorPoint, BoundarySource = d.BoundarySource,
        }).ToList();
        var again = DivisionPlanner.Plan(Rows(csv), boundaries, stored, 0.001);
        Assert.All(again.Divisions, d => Assert.Equal(DivisionChange.Unchanged, d.Change));
        var renamed = DivisionPlanner.Plan(Rows(csv.Replace("101,A,", "101,A renamed,", StringComparison.Ordinal)), new Dictionary<string, MultiPolygon>(), stored, 0.001);
        Assert.Empty(Errors(renamed));
        Assert.Equal(DivisionChange.Updated, renamed.Divisions.Single(d => d.Code == "101").Change);
        Assert.False(renamed.Divisions.Single(d => d.Code == "101").Reshaped);
        Assert.Equal(2, renamed.Count(DivisionChange.Unchanged));
    }

    [Fact]
    public void Csv_takes_chinese_headers_and_quoted_fields_and_xlsx_reads_the_same_table()
    {
        var (rows, issues) = DivisionTable.ReadCsv("\uFEFF编码,名称,上级,层级,全称\r\n330727,\"磐安县\",,1,\n330727001,\"安文街道, 城区\",330727,街道,\"安文\"\"街道\"\"\"\n");
        Assert.Empty(issues);
        Assert.Equal(2, rows.Count);
        Assert.Equal("安文街道, 城区", rows[1].Name);
        Assert.Equal("安文\"街道\"", rows[1].OfficialName);
        Assert.Equal(JurisdictionLevel.Street, rows[1].Level);

        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object> { ["code"] = "330727", ["name"] = "磐安县", ["parent"] = "" },
            new Dictionary<string, object> { ["code"] = "330727001", ["name"] = "安文街道, 城区", ["parent"] = "330727" },
        }, excelType: ExcelType.XLSX);
        stream.Position = 0;
        var (fromXlsx, xlsxIssues) = DivisionTable.ReadXlsx(stream);
        Assert.Empty(xlsxIssues);
        Assert.Equal(rows.Select(r => (r.Code, r.Name, r.ParentCode)), fromXlsx.Select(r => (r.Code, r.Name, r.ParentCode)));
    }

    [Fact]
    public void A_shapefile_gives_its_boundaries_by_code_and_a_self_touching_geojson_outline_is_repaired()
    {
        var folder = Directory.CreateTempSubdirectory("needsmap-shp-").FullName;
        try
        {
            var path = Path.Combine(folder, "divisions.shp");
            NetTopologySuite.IO.Esri.Shapefile.WriteAllFeatures(new[]
            {
                new NetTopologySuite.Features.Feature(Box(0, 0, 1, 1).GetGeometryN(0), new NetTopologySuite.Features.AttributesTable { { "CODE", "101" } }),
                new NetTopologySuite.Features.Feature(Box(1, 0, 2, 1), new NetTopologySuite.Features.AttributesTable { { "CODE", "102" } }),
            }, path);
            var read = DivisionBoundaryFile.ReadShapefile(path, CoordinateSystem.Wgs84);
            Assert.Empty(read.Issues);
            Assert.True(read.Boundaries["101"].Normalized().EqualsExact(Box(0, 0, 1, 1).Normalized()));
            Assert.Equal(Box(1, 0, 2, 1).Area, read.Boundaries["102"].Area, 1e-12);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        // A bow-tie: the ring crosses itself, as hand-drawn and quantised outlines do; repaired into its two triangles.
        var geoJson = DivisionBoundaryFile.ReadGeoJson("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"102"},"geometry":{"type":"Polygon","coordinates":[[[120,29],[120.1,29.1],[120.1,29],[120,29.1],[120,29]]]}}]}
            """, CoordinateSystem.Wgs84);
        Assert.Empty(geoJson.Issues);
        Assert.True(geoJson.Boundaries["102"].IsValid);
        Assert.Equal(0.005, geoJson.Boundaries["102"].Area, 1e-9);
    }

    [Fact]
    public void Gcj02_boundaries_are_moved_to_wgs84()
    {
        var gcj = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"1"},"geometry":{"type":"Polygon","coordinates":[[[120,29],[120.1,29],[120.1,29.1],[120,29.1],[120,29]]]}}]}""";
        var read = DivisionBoundaryFile.ReadGeoJson(gcj, CoordinateSystem.Gcj02);
        var centre = read.Boundaries["1"].Centroid;
        // GCJ-02 lies ~460 m east of WGS-84 around Yiwu: converted, the box moves west.
        Assert.InRange((120.05 - centre.X) * 97_000, 300, 700);
    }
}
