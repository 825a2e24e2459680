using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Data;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Weather;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Warnings;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>
/// The public (no token) sees the city: coarse cells and their tiles, key matters, warnings, scenes with verdicts and the
/// consultations, each with the small-group rule, and never a record, a need's text or a point. Every answer is checked
/// against the city administrator's, which holds everything.
/// </summary>
public sealed class PublicViewTests(FrontDoorHost host) : IClassFixture<FrontDoorHost>, IAsyncLifetime
{
    private const string Window = """window: { lastDay: "2026-06-30", days: 7 }""";
    private static readonly DateTimeOffset LastDayNoon = new(2026, 6, 30, 4, 0, 0, TimeSpan.Zero);
    private GeoPoint _busy;
    private GeoPoint _quiet;

    private string Admin => host.Token(RoleRights.CityAdmin, subject: "public-view-admin");

    public async Task InitializeAsync()
    {
        await WeatherTestData.ResetAsync(host);
        await host.ExecuteSqlAsync("TRUNCATE scenes, consultations, consultation_participants, consultation_posts RESTART IDENTITY CASCADE");
        _busy = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        // 幸福社区, about 7 km away: its own tiles and cells at every resolution.
        _quiet = TestNeeds.InteriorOf(host, "330782004001");
        var (busy, quiet) = (_busy, _quiet);
        await TestNeeds.AddManyAsync(host, [
            .. Enumerable.Range(0, 6).Select(i => new TestNeed($"工地夜里打桩第{i}次，电话1381234567{i}", "noise.construction", busy,
                ReceivedAt: LastDayNoon.AddHours(-i), Reporter: $"busy-{i}")),
            .. Enumerable.Range(0, 2).Select(i => new TestNeed($"路灯不亮第{i}次", "noise.construction", quiet,
                ReceivedAt: LastDayNoon.AddHours(-i), Reporter: $"quiet-{i}")),
        ]);
        await WeatherTestData.WaitUntilSettledAsync(host);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string? Code(JsonObject? body) => body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    private string CellId(GeoPoint at, HexResolution resolution) => host.Service<IHexGrid>().CellAt(at.Longitude, at.Latitude, resolution).Id;

    private async Task<JsonArray> CellsAsync(string resolution, string? token)
    {
        var (status, body, _) = await host.PostAsync($$"""{ cells(resolution: {{resolution}}, {{Window}}) { id count demandIndex baseline weather jurisdictionCode } }""",
            token: token);
        Assert.True(status == 200 && body!["errors"] is null, body?.ToJsonString());
        return body!["data"]!["cells"]!.AsArray();
    }

    [Theory]
    [InlineData("R500")]
    [InlineData("R1000")]
    [InlineData("R2500")]
    public async Task The_public_sees_coarse_cells_of_five_needs_or_more_with_the_citys_numbers(string resolution)
    {
        var city = await CellsAsync(resolution, Admin);
        var shown = await CellsAsync(resolution, null);
        Assert.True(resolution != "R500" || city.Any(c => c!["count"]!.GetValue<int>() < 5), "The test needs a small cell to leave out.");
        Assert.Equal(city.Where(c => c!["count"]!.GetValue<int>() >= 5).Select(c => c!.ToJsonString()).Order(), shown.Select(c => c!.ToJsonString()).Order());
        Assert.NotEmpty(shown);
    }

    [Theory]
    [InlineData("R100")]
    [InlineData("R250")]
    public async Task Finer_cells_are_refused_to_the_public_with_RESOLUTION_TOO_FINE(string resolution)
    {
        var (status, body, _) = await host.PostAsync($$"""{ cells(resolution: {{resolution}}, {{Window}}) { id count } }""");
        Assert.Equal("RESOLUTION_TOO_FINE", Code(body));
        Assert.Null(body!["data"]?["cells"]);
        Assert.Equal(200, status);
        Assert.NotEmpty(await CellsAsync(resolution, Admin));
    }

    private static (int X, int Y) TileOf(GeoPoint p, int z)
    {
        var n = Math.Pow(2, z);
        var lat = p.Latitude * Math.PI / 180;
        return ((int)Math.Floor((p.Longitude + 180) / 360 * n), (int)Math.Floor((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n));
    }

    private async Task<(int Status, string Text)> TileAsync(GeoPoint at, string? token, string query = "")
    {
        var (x, y) = TileOf(at, 14);
        var (status, bytes, _) = await host.GetAsync($"/tiles/cells/14/{x}/{y}.mvt?lastDay=2026-06-30&days=7{query}", token);
        // A vector tile keeps its string values (the cell ids) as UTF-8: enough to see which cells it holds.
        return (status, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Cell_tiles_for_the_public_are_drawn_at_500_m_and_hold_no_cell_under_five_needs()
    {
        var (adminStatus, adminTile) = await TileAsync(_busy, Admin);
        Assert.Equal(200, adminStatus);
        Assert.Contains(CellId(_busy, HexResolution.R100), adminTile, StringComparison.Ordinal);

        var (status, tile) = await TileAsync(_busy, null);
        Assert.Equal(200, status);
        Assert.Contains(CellId(_busy, HexResolution.R500), tile, StringComparison.Ordinal);
        Assert.DoesNotContain("r100:", tile, StringComparison.Ordinal);
        Assert.DoesNotContain("r250:", tile, StringComparison.Ordinal);

        Assert.Equal(200, (await TileAsync(_quiet, Admin, "&resolution=R500")).Status);
        Assert.Equal(204, (await TileAsync(_quiet, null)).Status);

        var (fineStatus, fine) = await TileAsync(_busy, null, "&resolution=R250");
        Assert.Equal((400, "RESOLUTION_TOO_FINE"), (fineStatus, JsonNode.Parse(fine)!["code"]!.GetValue<string>()));
        var (x, y) = TileOf(_busy, 14);
        var (needsStatus, needs, _) = await host.GetAsync($"/tiles/needs/14/{x}/{y}.mvt");
        Assert.Equal((401, "AUTH_REQUIRED"), (needsStatus, JsonNode.Parse(needs)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task No_record_text_or_point_reaches_the_public()
    {
        foreach (var query in new[] { "{ needs(first: 5) { totalCount } }", "{ reviewQueue(first: 5) { totalCount } }" })
        {
            var (status, body, _) = await host.PostAsync(query);
            Assert.Equal((401, "AUTH_REQUIRED"), (status, Code(body)));
        }
        var (_, cells, _) = await host.PostAsync($$"""{ cells(resolution: R500, {{Window}}) { id explanation centre polygon } }""");
        var text = cells!.ToJsonString(NeedsMapHost.Json);
        Assert.DoesNotContain("工地", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1381234567", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_matters_are_public_without_groups_under_five()
    {
        const string query = $$"""{ keyMatters(jurisdictionCode: "{{TestNeeds.Jiangdong}}", {{Window}}) { records categories { category { code } components { records } } } }""";
        var (status, body, _) = await host.PostAsync(query);
        Assert.True(status == 200 && body!["errors"] is null, body?.ToJsonString());
        var categories = body!["data"]!["keyMatters"]!["categories"]!.AsArray();
        Assert.NotEmpty(categories);
        Assert.All(categories, c => Assert.True(c!["components"]!["records"]!.GetValue<int>() >= 5));
    }

    private async Task AddWarningAsync(WarningScope scope, string key, string? jurisdiction, int observed, int[] windowCounts)
    {
        await using var services = host.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        var path = jurisdiction is null ? null : host.Service<Reference.ReferenceData>().Current.FindJurisdiction(jurisdiction)!.Path;
        db.Set<DemandWarning>().Add(new DemandWarning
        {
            Scope = scope, ScopeKey = key, JurisdictionCode = jurisdiction, JurisdictionPath = path, WindowStart = new DateOnly(2026, 6, 24),
            WindowEnd = new DateOnly(2026, 6, 30), Observed = observed, Expected = 1.5, PValue = 0.0001, Test = "poisson",
            Evidence = System.Text.Json.JsonSerializer.Serialize(new { windowCounts, lambda = 1.5, alpha = 0.001 }), RaisedAt = LastDayNoon,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Warnings_shown_to_the_public_have_five_needs_or_more_no_fine_cell_and_no_small_count()
    {
        await AddWarningAsync(WarningScope.Jurisdiction, TestNeeds.Jimingshan, TestNeeds.Jimingshan, 12, [1, 2, 7]);
        await AddWarningAsync(WarningScope.Jurisdiction, TestNeeds.ChouchengFirstCommunity, TestNeeds.ChouchengFirstCommunity, 3, [0, 1]);
        await AddWarningAsync(WarningScope.Cell, CellId(_busy, HexResolution.R100), TestNeeds.Jimingshan, 9, [0, 0, 1]);
        await AddWarningAsync(WarningScope.Cell, CellId(_busy, HexResolution.R500), TestNeeds.Jimingshan, 8, [6, 0, 2]);
        const string query = "{ warnings { scope scopeKey observed evidence } }";
        var (_, city, _) = await host.PostAsync(query, token: Admin);
        Assert.Equal(4, city!["data"]!["warnings"]!.AsArray().Count);
        var (status, body, _) = await host.PostAsync(query);
        Assert.True(status == 200 && body!["errors"] is null, body?.ToJsonString());
        var shown = body!["data"]!["warnings"]!.AsArray();
        Assert.Equal([TestNeeds.Jimingshan, CellId(_busy, HexResolution.R500)], shown.Select(w => w!["scopeKey"]!.GetValue<string>()).Order());
        var evidence = shown.Select(w => JsonNode.Parse(w!["evidence"]!.GetValue<string>())!).ToList();
        Assert.Contains(evidence, e => e["windowCounts"]!.ToJsonString() == "[null,null,7]");
        Assert.Contains(evidence, e => e["windowCounts"]!.ToJsonString() == "[6,null,null]");
        Assert.All(evidence, e => Assert.Equal(5, e["suppressedBelow"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Scenes_and_their_verdicts_are_public_and_their_creator_is_only_a_role()
    {
        var created = await host.PostAsync("""
            mutation { createScene(input: { name: "鸡鸣山声音传感器", categoryCodes: ["noise.construction"],
              area: { type: "Polygon", coordinates: [[[120.0,29.2],[120.2,29.2],[120.2,29.4],[120.0,29.4],[120.0,29.2]]] } }) { scene { id } errors { __typename ... on Error { code message } } } }
            """, token: Admin);
        var id = created.Body!["data"]!["createScene"]!["scene"]!["id"]!.GetValue<string>();
        await host.PostAsync($$"""mutation { evaluateScene(input: { id: "{{id}}" }) { effect { verdict } errors { __typename ... on Error { code message } } } }""", token: Admin);
        var (status, body, _) = await host.PostAsync("{ scenes { id name verdict needsReplanning createdBy area } }");
        Assert.True(status == 200 && body!["errors"] is null, body?.ToJsonString());
        var scene = body!["data"]!["scenes"]![0]!;
        Assert.Equal(("鸡鸣山声音传感器", "TOO_EARLY", "city_admin"), (scene["name"]!.GetValue<string>(), scene["verdict"]!.GetValue<string>(),
            scene["createdBy"]!.GetValue<string>()));
        var (_, asAdmin, _) = await host.PostAsync("{ scenes { createdBy } }", token: Admin);
        Assert.Equal("city_admin:public-view-admin", asAdmin!["data"]!["scenes"]![0]!["createdBy"]!.GetValue<string>());
        var (effectStatus, effect, _) = await host.PostAsync($$"""{ sceneEffect(id: "{{id}}") { verdict sceneWeekly } }""");
        Assert.Equal((401, "AUTH_REQUIRED"), (effectStatus, Code(effect)));
    }

    [Fact]
    public async Task Consultations_are_public_with_residents_names_and_numbers_withheld()
    {
        var started = await host.PostAsync($$"""mutation { startConsultation(input: { title: "鸡鸣山夜间施工怎么办", jurisdictionCode: "{{TestNeeds.Jimingshan}}" }) { consultation { id } errors { __typename ... on Error { code message } } } }""",
            token: Admin);
        var id = started.Body!["data"]!["startConsultation"]!["consultation"]!["id"]!.GetValue<string>();
        async Task<string> JoinAsync(string name, string role) =>
            (await host.PostAsync($$"""mutation { joinConsultation(input: { consultationId: "{{id}}", name: "{{name}}", role: {{role}} }) { participant { id } errors { __typename ... on Error { code message } } } }""",
                token: Admin)).Body!["data"]!["joinConsultation"]!["participant"]!["id"]!.GetValue<string>();
        await JoinAsync("李书记", "OFFICIAL");
        var resident = await JoinAsync("王小明", "RESIDENT");
        await host.PostAsync($$"""mutation { postToConsultation(input: { consultationId: "{{id}}", participantId: "{{resident}}", body: "晚上十点后还在打桩，我电话13812345678" }) { post { id } errors { __typename ... on Error { code message } } } }""",
            token: Admin);

        const string query = "{ consultations { id title needId participants { name role } threads { body } } }";
        var (status, body, _) = await host.PostAsync(query);
        Assert.True(status == 200 && body!["errors"] is null, body?.ToJsonString());
        var consultation = body!["data"]!["consultations"]![0]!;
        Assert.Equal("鸡鸣山夜间施工怎么办", consultation["title"]!.GetValue<string>());
        Assert.Equal(["李书记", "居民"], consultation["participants"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Contains("晚上十点后还在打桩", consultation["threads"]![0]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        var text = body.ToJsonString(NeedsMapHost.Json);
        Assert.DoesNotContain("王小明", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal);
        var (_, one, _) = await host.PostAsync($$"""{ consultation(id: "{{id}}") { title } }""");
        Assert.Equal("鸡鸣山夜间施工怎么办", one!["data"]!["consultation"]!["title"]!.GetValue<string>());
        var (_, asAdmin, _) = await host.PostAsync(query, token: Admin);
        Assert.Contains("王小明", asAdmin!.ToJsonString(NeedsMapHost.Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boundaries_are_one_small_cached_document_open_to_every_caller()
    {
        var (status, bytes, response) = await host.GetAsync("/map/boundaries.geojson");
        Assert.Equal(200, status);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(bytes.Length < 1_000_000, $"{bytes.Length} bytes");
        var features = JsonNode.Parse(bytes)!["features"]!.AsArray();
        var snapshot = host.Service<Reference.ReferenceData>().Current;
        Assert.Equal(snapshot.Jurisdictions.Count, features.Count);
        var jimingshan = features.Single(f => f!["properties"]!["code"]!.GetValue<string>() == TestNeeds.Jimingshan)!["properties"]!;
        Assert.Equal(("鸡鸣山社区", "COMMUNITY", TestNeeds.Jiangdong), (jimingshan["name"]!.GetValue<string>(), jimingshan["level"]!.GetValue<string>(),
            jimingshan["parentCode"]!.GetValue<string>()));
        Assert.All(features, f => Assert.True(f!["geometry"]!["type"]!.GetValue<string>() is "Polygon" or "MultiPolygon"));

        var etag = response.Headers.ETag!.Tag;
        Assert.Contains("max-age", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var (notModified, _, _) = await host.GetAsync("/map/boundaries.geojson", configure: r => r.Headers.IfNoneMatch.ParseAdd(etag));
        Assert.Equal(304, notModified);
        var (_, gzipped, zipped) = await host.GetAsync("/map/boundaries.geojson", configure: r => r.Headers.AcceptEncoding.ParseAdd("gzip"));
        Assert.Equal("gzip", zipped.Content.Headers.ContentEncoding.Single());
        Assert.True(gzipped.Length < bytes.Length / 2);

        var (_, streets, _) = await host.GetAsync("/map/boundaries.geojson?level=street", host.Token(RoleRights.Resident));
        var streetFeatures = JsonNode.Parse(streets)!["features"]!.AsArray();
        Assert.Equal(snapshot.Jurisdictions.Count(j => j.Level == NeedsMap.Api.Reference.JurisdictionLevel.Street), streetFeatures.Count);
        Assert.All(streetFeatures, f => Assert.Equal("STREET", f!["properties"]!["level"]!.GetValue<string>()));
        var (badStatus, bad, _) = await host.GetAsync("/map/boundaries.geojson?level=planet");
        Assert.Equal((400, "INVALID_INPUT"), (badStatus, JsonNode.Parse(bad)!["code"]!.GetValue<string>()));
    }
}
