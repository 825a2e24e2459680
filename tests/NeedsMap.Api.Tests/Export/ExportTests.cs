using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Export;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Tests.Infrastructure;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace NeedsMap.Api.Tests.Export;

public sealed class ExportTests(ExportHost host) : IClassFixture<ExportHost>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset May = new(2026, 5, 1, 0, 0, 0, China);

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Url(string route, object? where = null, string extra = "") =>
        route + "?" + (where is null ? "" : "where=" + Uri.EscapeDataString(JsonSerializer.Serialize(where))) + extra;

    [Fact]
    public async Task An_analyst_exports_a_streets_noise_needs_of_last_month_as_xlsx_and_geojson_and_reads_them_back()
    {
        var inMay = new[]
        {
            await host.AddAsync("工地晚上十一点还在打桩，吵得睡不着", "noise.construction", TestNeeds.Jimingshan, May.AddDays(3)),
            await host.AddAsync("楼下烧烤店音响太吵", "noise.commercial", TestNeeds.Jimingshan, May.AddDays(12), channel: "wechat"),
            await host.AddAsync("广场舞音乐声音太大", "noise.square_dance", TestNeeds.Jimingshan, May.AddDays(30).AddHours(23)),
        };
        await host.AddAsync("六月的打桩声", "noise.construction", TestNeeds.Jimingshan, May.AddMonths(1));
        await host.AddAsync("四月最后一晚的噪声", "noise.construction", TestNeeds.Jimingshan, May.AddMinutes(-1));
        await host.AddAsync("垃圾没人清运", "environment.garbage", TestNeeds.Jimingshan, May.AddDays(5));
        await host.AddAsync("稠城的施工噪声", "noise.construction", TestNeeds.ChouchengFirstCommunity, May.AddDays(5));
        var analyst = host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, subject: "analyst");
        var where = new { categoryIn = new[] { "noise" }, jurisdictionIn = new[] { TestNeeds.Jiangdong }, receivedFrom = May, receivedBefore = May.AddMonths(1) };
        var expected = inMay.OrderByDescending(n => n.ReceivedAt).Select(n => Id(n.Id)).ToList();

        var (status, xlsx, response) = await host.GetAsync(Url("/export/needs.xlsx", where), analyst);
        Assert.Equal(200, status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("3", response.Headers.GetValues("X-Export-Rows").Single());
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var rows = ExportFiles.ReadXlsx(xlsx);
        Assert.Equal(expected, rows.Select(r => r["id"]));
        Assert.Equal(NeedExportReader.Columns.Select(c => c.Name), rows[0].Keys);
        Assert.All(rows, r => Assert.StartsWith("noise.", r["category"]));
        Assert.All(rows, r => Assert.Equal(TestNeeds.Jimingshan, r["jurisdiction"]));
        Assert.Equal(inMay.OrderByDescending(n => n.ReceivedAt).Select(n => n.Text), rows.Select(r => r["text"]));
        // Timestamps are Excel dates in city time: 2026-05-31 23:00 is the last one.
        Assert.Equal(new DateTime(2026, 5, 31, 23, 0, 0), DateTime.FromOADate(double.Parse(rows[0]["receivedAt"], System.Globalization.CultureInfo.InvariantCulture)));

        var (geoStatus, geojson, geoResponse) = await host.GetAsync(Url("/export/needs.geojson", where), analyst);
        Assert.Equal(200, geoStatus);
        Assert.Equal("application/geo+json", geoResponse.Content.Headers.ContentType!.MediaType);
        var features = JsonSerializer.Deserialize<FeatureCollection>(geojson, GeoJson)!;
        Assert.Equal(expected, features.Select(f => (string)f.Attributes["id"]));
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        Assert.All(features, f =>
        {
            var point = Assert.IsType<Point>(f.Geometry);
            Assert.Equal(at.Longitude, point.X, 9);
            Assert.Equal(at.Latitude, point.Y, 9);
        });
        Assert.Equal("2026-05-31T23:00:00+08:00", (string)features[0].Attributes["receivedAt"]);
    }

    public static TheoryData<string> Roles() => new(RoleRights.All.Select(r => r.Role).Where(r => r != RoleRights.Public));

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task A_needs_export_holds_what_the_needs_query_returns_to_the_same_token_same_ids_same_masked_texts(string role)
    {
        await SeedMixAsync();
        var token = TokenFor(role);
        foreach (var where in new object?[] { null, new { categoryIn = new[] { "noise" } }, new { jurisdictionIn = new[] { TestNeeds.Jimingshan }, channelIn = new[] { "wechat", "12345" } } })
        {
            var query = await QueryAllAsync(token, where);
            var (status, csv, _) = await host.GetAsync(Url("/export/needs.csv", where), token);
            Assert.True(status == 200, Encoding.UTF8.GetString(csv));
            var exported = ExportFiles.ReadCsv(csv);
            Assert.Equal(query.Select(q => q.Id), exported.Select(r => r["id"]));
            Assert.Equal(query.Select(q => q.Text), exported.Select(r => r["text"]));
            Assert.Equal(query.Select(q => q.Address ?? ""), exported.Select(r => r["address"]));
        }
        var all = ExportFiles.ReadCsv((await host.GetAsync("/export/needs.csv", token)).Body);
        Assert.NotEmpty(all);
        var personal = RoleRights.For(role).PersonalData;
        Assert.Equal(personal, all.Any(r => r["text"].Contains("13812345678", StringComparison.Ordinal)));
        Assert.Equal(!personal, all.Any(r => r["text"].Contains("138****5678", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_public_may_not_export_needs_and_gets_aggregates_with_small_groups_left_out_as_in_graphql()
    {
        await SeedMixAsync();
        var (status, body, _) = await host.GetAsync("/export/needs.csv");
        Assert.Equal(401, status);
        Assert.Equal("AUTH_REQUIRED", ExportHost.CodeOf(body));

        var (statsStatus, csv, _) = await host.GetAsync("/export/need-stats.csv?groupBy=CATEGORY");
        Assert.Equal(200, statsStatus);
        var graph = await host.PostAsync("{ needStats(groupBy: CATEGORY) { groups { key count } } }");
        var groups = graph.Body!["data"]!["needStats"]!["groups"]!.AsArray();
        var rows = ExportFiles.ReadCsv(csv);
        Assert.Equal(groups.Select(g => (g!["key"]!.GetValue<string>(), g["count"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture))),
            rows.Select(r => (r["key"], r["count"])));
        Assert.Equal(["noise.construction"], rows.Select(r => r["key"]));
    }

    [Fact]
    public async Task Key_matters_and_cells_export_what_their_queries_return()
    {
        await SeedMixAsync();
        var admin = host.Token(RoleRights.CityAdmin);
        var window = "&lastDay=2026-05-31&days=31";
        var (status, xlsx, _) = await host.GetAsync("/export/key-matters.xlsx?jurisdictionCode=" + TestNeeds.Jiangdong + window, admin);
        Assert.Equal(200, status);
        var matters = ExportFiles.ReadXlsx(xlsx);
        var graph = await host.PostAsync($$"""{ keyMatters(jurisdictionCode: "{{TestNeeds.Jiangdong}}", window: { lastDay: "2026-05-31", days: 31 }) { categories { category { code } demandIndex } } }""", token: admin);
        var categories = graph.Body!["data"]!["keyMatters"]!["categories"]!.AsArray();
        Assert.Equal(categories.Select(c => c!["category"]!["code"]!.GetValue<string>()), matters.Where(m => m["kind"] == "CATEGORY").Select(m => m["category"]));
        Assert.NotEmpty(categories);

        var (cellStatus, csv, _) = await host.GetAsync("/export/cells.csv?resolution=R500" + window, admin);
        Assert.Equal(200, cellStatus);
        var cells = ExportFiles.ReadCsv(csv);
        var graphCells = (await host.PostAsync("{ cells(resolution: R500, window: { lastDay: \"2026-05-31\", days: 31 }) { key count } }", token: admin))
            .Body!["data"]!["cells"]!.AsArray();
        Assert.Equal(graphCells.Select(c => (c!["key"]!.GetValue<string>(), c["count"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture))).Order(),
            cells.Select(c => (c["id"], c["count"])).Order());
        Assert.NotEmpty(cells);
        var (geoStatus, geojson, _) = await host.GetAsync("/export/cells.geojson?resolution=R500" + window, admin);
        Assert.Equal(200, geoStatus);
        var features = JsonSerializer.Deserialize<FeatureCollection>(geojson, GeoJson)!;
        Assert.Equal(cells.Select(c => c["id"]).Order(), features.Select(f => (string)f.Attributes["id"]).Order());
        Assert.All(features, f => Assert.IsType<Point>(f.Geometry));
    }

    [Fact]
    public async Task Every_export_is_in_the_audit_log_with_who_what_format_and_rows()
    {
        await SeedMixAsync();
        var deputy = host.Token(RoleRights.Deputy, TestNeeds.Jiangdong, subject: "deputy-wang");
        var where = new { categoryIn = new[] { "noise" } };
        var rows = ExportFiles.ReadCsv((await host.GetAsync(Url("/export/needs.csv", where), deputy)).Body).Count;
        await host.GetAsync("/export/need-stats.xlsx?groupBy=STATUS", deputy);
        var log = await host.PostAsync("{ auditLog(first: 10) { action actor role exportKind exportFormat exportParameters exportRows completed finishedAt fields needId } }",
            token: host.Token(RoleRights.CityAdmin));
        var entries = log.Body!["data"]!["auditLog"]!.AsArray();
        Assert.Equal(2, entries.Count);
        var needs = entries[1]!;
        Assert.Equal("export", needs["action"]!.GetValue<string>());
        Assert.Equal("deputy:deputy-wang", needs["actor"]!.GetValue<string>());
        Assert.Equal("needs", needs["exportKind"]!.GetValue<string>());
        Assert.Equal("csv", needs["exportFormat"]!.GetValue<string>());
        Assert.Equal(rows, needs["exportRows"]!.GetValue<long>());
        Assert.True(needs["completed"]!.GetValue<bool>());
        Assert.Contains("\"categoryIn\":[\"noise\"]", needs["exportParameters"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(needs["needId"]);
        Assert.Contains("text", needs["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("need-stats", entries[0]!["exportKind"]!.GetValue<string>());
        Assert.Equal("groupBy=STATUS", entries[0]!["exportParameters"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_exports_are_refused_with_a_code_before_anything_is_written()
    {
        await SeedMixAsync();
        var admin = host.Token(RoleRights.CityAdmin);
        var deputy = host.Token(RoleRights.Deputy, TestNeeds.Jiangdong);
        foreach (var (url, token, status, code) in new[]
        {
            ("/export/needs.pdf", admin, 400, "INVALID_INPUT"),
            ("/export/needs.csv?where=%7Bnot-json", admin, 400, "INVALID_FILTER"),
            ("/export/needs.csv?where=" + Uri.EscapeDataString("{\"categoryIn\":[\"no-such\"]}"), admin, 400, "UNKNOWN_CATEGORY"),
            ("/export/needs.csv?order=SIDEWAYS", admin, 400, "INVALID_INPUT"),
            ("/export/need-stats.geojson", admin, 400, "INVALID_INPUT"),
            ("/export/need-stats.csv?groupBy=COLOUR", admin, 400, "INVALID_INPUT"),
            ("/export/key-matters.csv?days=0", admin, 400, "INVALID_INPUT"),
            ("/export/cells.csv?bbox=1,2,3", admin, 400, "INVALID_FILTER"),
            ("/export/needs.csv?where=" + Uri.EscapeDataString("{\"textContains\":\"13812345678\"}"), deputy, 403, "FORBIDDEN"),
            ("/export/needs.csv", host.Token(RoleRights.Public), 403, "FORBIDDEN"),
            ("/export/needs.csv", null, 401, "AUTH_REQUIRED"),
        })
        {
            var (actual, body, _) = await host.GetAsync(url, token);
            Assert.True(actual == status, $"{url}: {actual} {Encoding.UTF8.GetString(body)}");
            Assert.Equal(code, ExportHost.CodeOf(body));
        }
        var options = host.Service<IOptions<ExportOptions>>().Value;
        var max = options.MaxRows;
        options.MaxRows = 2;
        try
        {
            var (tooLarge, body, _) = await host.GetAsync("/export/needs.csv", admin);
            Assert.Equal(400, tooLarge);
            Assert.Equal("EXPORT_TOO_LARGE", ExportHost.CodeOf(body));
        }
        finally
        {
            options.MaxRows = max;
        }
        var log = await host.PostAsync("{ auditLog(first: 10) { action } }", token: admin);
        Assert.Empty(log.Body!["data"]!["auditLog"]!.AsArray());
    }

    [Fact]
    public async Task A_text_that_looks_like_a_formula_is_defused_in_csv_and_stays_plain_text_in_xlsx()
    {
        var need = await host.AddAsync("=HYPERLINK(\"http://example.test\",\"点我\") 工地噪声", "noise.construction", TestNeeds.Jimingshan, May);
        var admin = host.Token(RoleRights.CityAdmin);
        var csv = ExportFiles.ReadCsv((await host.GetAsync("/export/needs.csv", admin)).Body);
        Assert.Equal("'" + need.Text, Assert.Single(csv)["text"]);
        var xlsx = (await host.GetAsync("/export/needs.xlsx", admin)).Body;
        Assert.Equal(need.Text, Assert.Single(ExportFiles.ReadXlsx(xlsx))["text"]);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        using var sheet = new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).Open());
        Assert.DoesNotContain("<f>", await sheet.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_export_writes_the_file_the_route_serves_to_the_same_role_and_audits_it()
    {
        await SeedMixAsync();
        var file = Path.Combine(Path.GetTempPath(), $"needsmap-export-{Guid.NewGuid():N}.csv");
        try
        {
            var where = "{\"categoryIn\":[\"noise\"]}";
            var (exit, run) = await NeedsMap.Api.Tests.Cli.CliRun.InvokeAsync(
                [ExportCommand.Name, "needs.csv", file, "where=" + where, "--role", RoleRights.Deputy, "--jurisdiction", TestNeeds.Jiangdong, "--subject", "ops"], host.Services);
            var output = run.Output;
            Assert.True(exit == 0, run.Error.ToString());
            var fromCli = ExportFiles.ReadCsv(await File.ReadAllBytesAsync(file));
            var fromRoute = ExportFiles.ReadCsv((await host.GetAsync("/export/needs.csv?where=" + Uri.EscapeDataString(where),
                host.Token(RoleRights.Deputy, TestNeeds.Jiangdong))).Body);
            Assert.Equal(fromRoute.Select(r => string.Join('|', r.Values)), fromCli.Select(r => string.Join('|', r.Values)));
            Assert.Contains($"{fromCli.Count} rows written", output.ToString(), StringComparison.Ordinal);
            var log = await host.PostAsync("{ auditLog(first: 10) { actor exportRows } }", token: host.Token(RoleRights.CityAdmin));
            Assert.Contains(log.Body!["data"]!["auditLog"]!.AsArray(), e => e!["actor"]!.GetValue<string>() == "deputy:cli:ops");
            (exit, run) = await NeedsMap.Api.Tests.Cli.CliRun.InvokeAsync([ExportCommand.Name, "needs.pdf", file], host.Services);
            Assert.Equal(2, exit);
            Assert.Contains("'needs.pdf' is no export", run.Error.ToString(), StringComparison.Ordinal);
            (exit, run) = await NeedsMap.Api.Tests.Cli.CliRun.InvokeAsync([ExportCommand.Name, "needs.csv", file, "--role", RoleRights.Deputy], host.Services);
            Assert.Equal(2, exit); // a deputy without a jurisdiction would see nothing: refused, not an empty file
            Assert.Contains("deputy needs --jurisdiction", run.Error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private string TokenFor(string role) => role switch
    {
        RoleRights.StreetOfficer or RoleRights.Deputy => host.Token(role, TestNeeds.Jiangdong),
        RoleRights.CommunityWorker => host.Token(role, TestNeeds.Jimingshan),
        RoleRights.DepartmentStaff => host.Token(role, department: "enforcement"),
        RoleRights.ChannelIntegrator => host.Token(role, channel: "wechat"),
        RoleRights.Resident => host.Token(role, subject: "alice"),
        _ => host.Token(role),
    };

    /// <summary>Needs across two streets, two channels, two residents and two categories, with phone numbers, names and house numbers.</summary>
    private async Task SeedMixAsync()
    {
        var alice = ReporterKeys.ForSubject("alice");
        var places = new[] { TestNeeds.Jimingshan, TestNeeds.ChouchengFirstCommunity };
        for (var i = 0; i < 12; i++)
        {
            await host.AddAsync($"第{i}次反映：我叫张三，电话13812345678，夜里施工噪声", "noise.construction", places[i % 2], May.AddDays(i).AddHours(i),
                channel: i % 3 == 0 ? "wechat" : "12345", address: $"稠城街道工人路{i + 1}号3单元501室", reporter: i % 4 == 0 ? alice : null);
        }
        for (var i = 0; i < 3; i++)
        {
            await host.AddAsync($"垃圾桶满了没人清，联系人李四 0579-85123456（{i}）", "environment.garbage", places[i % 2], May.AddDays(20 + i),
                channel: "wechat", reporter: i == 0 ? alice : null);
        }
    }

    private sealed record Listed(string Id, string Text, string? Address);

    private async Task<List<Listed>> QueryAllAsync(string token, object? where)
    {
        var all = new List<Listed>();
        string? after = null;
        do
        {
            var result = await host.PostAsync("query($where: NeedFilter, $after: String) { needs(first: 50, where: $where, after: $after) { edges { node { id text address } } pageInfo { hasNextPage endCursor } } }",
                new { where, after }, token);
            Assert.True(result.Body!["errors"] is null, result.Body.ToJsonString());
            var needs = result.Body["data"]!["needs"]!;
            all.AddRange(needs["edges"]!.AsArray().Select(e => new Listed(e!["node"]!["id"]!.GetValue<string>(), e["node"]!["text"]!.GetValue<string>(),
                e["node"]!["address"]?.GetValue<string>())));
            after = needs["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? needs["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        return all;
    }

    private static string Id(long id) => NeedsMap.Api.Graph.Relay.GlobalId.Encode("Need", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
