using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Weather;

public sealed class CellQueryTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    private const string Query = """
        query($resolution: CellResolution!, $where: NeedFilter, $jurisdictionCode: String, $bbox: BoundingBox) {
          cells(resolution: $resolution, where: $where, jurisdictionCode: $jurisdictionCode, bbox: $bbox,
                window: { lastDay: "2026-06-30", days: 7 }, baselineWindows: 4) {
            id key resolution jurisdictionCode count demandIndex previousDemandIndex change baseline ratio weather explanation polygon
          }
        }
        """;

    private static readonly DateTimeOffset LastDayNoon = new(2026, 6, 30, 4, 0, 0, TimeSpan.Zero);
    private GeoPoint _surging;
    private GeoPoint _calming;

    public async Task InitializeAsync()
    {
        await WeatherTestData.ResetAsync(host);
        _surging = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        _calming = TestNeeds.Offset(_surging, 2000, 0);
        var surging = _surging;
        var calming = _calming;
        await TestNeeds.AddManyAsync(host, [
            // Surging cell: one need in each of the four baseline weeks, then five in the window → ratio 5, STORM.
            .. Enumerable.Range(1, 4).Select(week => new TestNeed("施工噪音", "noise.construction", surging, ReceivedAt: LastDayNoon.AddDays(-7 * week))),
            .. Enumerable.Range(0, 5).Select(i => new TestNeed("施工噪音", "noise.construction", surging, ReceivedAt: LastDayNoon.AddDays(-i))),
            // Calming cell: four a week before, one in the window → ratio 0.25, SUNNY.
            .. Enumerable.Range(1, 4).SelectMany(week => Enumerable.Range(0, 4)
                .Select(i => new TestNeed("停车难", "noise.construction", calming, ReceivedAt: LastDayNoon.AddDays(-7 * week - i)))),
            new TestNeed("停车难", "noise.construction", calming, ReceivedAt: LastDayNoon),
        ]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonArray> CellsAsync(object variables)
    {
        var result = await host.GraphQLAsync(Query, variables);
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!["cells"]!.AsArray();
    }

    private JsonNode Cell(JsonArray cells, GeoPoint at) =>
        cells.Single(c => c!["key"]!.GetValue<string>() == host.Service<IHexGrid>().CellAt(at.Longitude, at.Latitude, HexResolution.R500).Id)!;

    [Fact]
    public async Task Weather_compares_the_window_with_the_cells_own_baseline()
    {
        var cells = await CellsAsync(new { resolution = "R500" });
        var surging = Cell(cells, _surging);
        Assert.Equal(("STORM", 5, 5.0, 1.0, 1.0), (surging["weather"]!.GetValue<string>(), surging["count"]!.GetValue<int>(),
            surging["demandIndex"]!.GetValue<double>(), surging["baseline"]!.GetValue<double>(), surging["previousDemandIndex"]!.GetValue<double>()));
        Assert.Equal(4.0, surging["change"]!.GetValue<double>());
        Assert.Equal(TestNeeds.Jimingshan, surging["jurisdictionCode"]!.GetValue<string>());
        Assert.Contains("→ STORM", surging["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Polygon", surging["polygon"]!["type"]!.GetValue<string>());

        var calming = Cell(cells, _calming);
        Assert.Equal(("SUNNY", 1, 4.0, 0.25), (calming["weather"]!.GetValue<string>(), calming["count"]!.GetValue<int>(),
            calming["baseline"]!.GetValue<double>(), calming["ratio"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Category_and_jurisdiction_filters_are_answered_from_the_rollups()
    {
        Assert.Empty(await CellsAsync(new { resolution = "R500", where = new { categoryIn = new[] { "education" } } }));
        Assert.Equal(2, (await CellsAsync(new { resolution = "R500", where = new { categoryIn = new[] { "noise" }, channelIn = new[] { "12345" } } })).Count);
        var inJms = await CellsAsync(new { resolution = "R500", jurisdictionCode = TestNeeds.Jimingshan });
        Assert.All(inJms, c => Assert.Equal(TestNeeds.Jimingshan, c!["jurisdictionCode"]!.GetValue<string>()));
        Assert.Contains(inJms, c => c!["weather"]!.GetValue<string>() == "STORM");
        var box = new { west = _surging.Longitude - 0.002, south = _surging.Latitude - 0.002, east = _surging.Longitude + 0.002, north = _surging.Latitude + 0.002 };
        var boxed = await CellsAsync(new { resolution = "R100", bbox = box });
        Assert.Single(boxed);
        Assert.Equal(5, boxed[0]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Conditions_the_rollups_cannot_answer_fail_with_a_clear_code()
    {
        var result = await host.GraphQLAsync(Query, new { resolution = "R500", where = new { or = new object[] { new { textContains = "噪音" } } } });
        Assert.True(result["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>() == "UNSUPPORTED_CELL_FILTER", result.ToJsonString());
        Assert.Contains("textContains", result["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_need_stored_on_this_server_shows_in_the_very_next_cells_read()
    {
        await WaitUntilListeningAsync();
        Assert.Equal(5, Cell(await CellsAsync(new { resolution = "R500" }), _surging)["count"]!.GetValue<int>());
        await TestNeeds.AddAsync(host, "施工噪音", "noise.construction", _surging, receivedAt: LastDayNoon);
        Assert.Equal(6, Cell(await CellsAsync(new { resolution = "R500" }), _surging)["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Answers_stay_cached_until_a_change_is_announced_on_the_database()
    {
        await WaitUntilListeningAsync();
        Assert.Equal(5, Cell(await CellsAsync(new { resolution = "R500" }), _surging)["count"]!.GetValue<int>());
        // Behind the server's back, as another server's write would look before its notification arrives.
        await host.ExecuteSqlAsync("UPDATE cell_demand_blocks SET count = count + 100 WHERE resolution = 500");
        Assert.Equal(5, Cell(await CellsAsync(new { resolution = "R500" }), _surging)["count"]!.GetValue<int>());
        await host.ExecuteSqlAsync($"SELECT pg_notify('{CellNotifications.Channel}', '{CellNotifications.EverythingChanged}')");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int count;
        while ((count = Cell(await CellsAsync(new { resolution = "R500" }), _surging)["count"]!.GetValue<int>()) == 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        // Every block of the window got 100 more; a fresh read shows them.
        Assert.True(count > 100, $"still {count} after the notification");
    }

    // Also waits out the notifications of InitializeAsync's own needs: one arriving late empties the caches mid-test.
    private Task WaitUntilListeningAsync() => WeatherTestData.WaitUntilSettledAsync(host);
}
