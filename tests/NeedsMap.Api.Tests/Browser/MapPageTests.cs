using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;

namespace NeedsMap.Api.Tests.Browser;

/// <summary>
/// Three walks in headless Chromium on one demo server, shared by the facts of <see cref="MapPageTests"/>,
/// <see cref="RolePageTests"/> and <see cref="GraphiQLPageTests"/> (each takes a while on a small machine, and loading the
/// demo year is most of a server's start): the city administrator's through /map, then every persona's, who meet the
/// scene and the warnings the first walk made, then GraphiQL's on /graphql. A walk that fails fails its own facts only.
/// </summary>
public sealed class MapPageRun : IAsyncLifetime
{
    public BrowserHost Host { get; } = new();

    public JsonNode Report { get; private set; } = new JsonObject();

    public JsonNode Roles { get; private set; } = new JsonObject();

    private JsonNode? _graphiQL;
    private ExceptionDispatchInfo? _graphiQLFailure;

    /// <summary>The GraphiQL walk's report, or its failure rethrown.</summary>
    public JsonNode GraphiQL
    {
        get
        {
            _graphiQLFailure?.Throw();
            return _graphiQL!;
        }
    }

    public JsonNode Step(string name) => Report["steps"]![name]!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        Report = await Host.RunScenarioAsync("map");
        Roles = await Host.RunScenarioAsync("roles");
        try
        {
            _graphiQL = await Host.RunScenarioAsync("graphiql");
        }
        catch (Exception e)
        {
            _graphiQLFailure = ExceptionDispatchInfo.Capture(e);
        }
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class MapPageCollection : ICollectionFixture<MapPageRun>
{
    public const string Name = "map page";
}

[Collection(MapPageCollection.Name)]
public sealed class MapPageTests(MapPageRun run)
{
    private const string Jimingshan = "330782002005";
    private static readonly string[] WeatherLevels = ["SUNNY", "CLOUDY", "OVERCAST", "RAIN", "STORM"];

    [Fact]
    public void The_map_draws_the_demo_city_its_boundaries_and_its_weather_cells_without_a_basemap()
    {
        var load = run.Step("load");
        Assert.Equal(1 + 14 + 544, load["boundaries"]!.GetValue<int>());
        Assert.True(load["renderedStreetLines"]!.GetValue<int>() >= 14, "The 14 streets are not drawn.");
        Assert.True(load["renderedCommunities"]!.GetValue<int>() > 500, "The communities are not drawn.");
        Assert.Equal(20_000, load["needsTotal"]!.GetValue<int>());
        Assert.Empty(load["introspections"]!.AsArray()); // it uses the fields and tile routes, it does not look for them
        Assert.True(load["cells"]!.GetValue<int>() > 100, "The weather cells are not drawn.");
        var levels = load["cellWeather"]!.AsObject().Select(p => p.Key).ToList();
        Assert.All(levels, level => Assert.Contains(level, WeatherLevels));
        Assert.True(levels.Count >= 3, "The cells all have the same weather: " + string.Join(", ", levels));
        var tiles = Tiles(load);
        Assert.Contains(tiles, t => t.Kind == "cells" && t.Status == 200 && t.LastDay == "2026-11-20" && t.Days == "30");
        Assert.DoesNotContain(tiles, t => t.Kind == "needs"); // below the needs' zoom only the cells are asked for
        Assert.DoesNotContain(tiles, t => t.Status >= 400 || t.Z > 16); // no probe at the deepest zoom either
        Assert.Equal(0, load["needPoints"]!.GetValue<int>());
        Assert.Equal("问需于民一张图", load["heading"]!.GetValue<string>());
        Assert.Contains("未配置底图", load["legend"]!.GetValue<string>());
        Assert.Empty(run.Report["consoleErrors"]!.AsArray());
        Assert.True(File.Exists(Path.Combine(BrowserHost.ArtifactsDirectory, "map-city.png")));
    }

    [Fact]
    public void At_close_zoom_jimingshan_needs_come_one_by_one_from_the_needs_tiles_and_construction_noise_is_the_key_matter()
    {
        var close = run.Step("jimingshan");
        Assert.Contains(Tiles(close), t => t.Kind == "needs" && t.Status == 200 && t.Z >= 13);
        Assert.True(close["needPoints"]!.GetValue<int>() > 300, $"{close["needPoints"]} needs drawn.");
        Assert.InRange(close["needPoints"]!.GetValue<int>(), close["needsTotal"]!.GetValue<int>() * 9 / 10, close["needsTotal"]!.GetValue<int>() * 11 / 10 + 10);
        Assert.Equal(Jimingshan, close["keyMattersPlace"]!.GetValue<string>());
        var first = close["keyMatters"]!.AsArray()[0]!;
        Assert.Equal("noise.construction", first["category"]!.GetValue<string>());
        Assert.Contains("鸡鸣山社区", first["text"]!.GetValue<string>());
        Assert.Equal(Jimingshan, close["busiestCell"]!["jurisdiction"]!.GetValue<string>());
    }

    [Fact]
    public void The_noise_filter_changes_the_cells_and_the_needs_and_jimingshan_stays_the_cluster()
    {
        var all = run.Step("jimingshanArea");
        var noise = run.Step("noiseOnly");
        var asked = Tiles(noise);
        Assert.Contains(asked, t => t.Kind == "cells" && t.Status == 200 && t.Where == """{"categoryIn":["noise"]}""");
        Assert.Contains(asked, t => t.Kind == "needs" && t.Status == 200 && t.Where == """{"categoryIn":["noise"]}""");
        Assert.True(noise["cellCountSum"]!.GetValue<int>() < all["cellCountSum"]!.GetValue<int>(),
            $"Noise cells hold {noise["cellCountSum"]} needs, all cells {all["cellCountSum"]}.");
        Assert.True(noise["cells"]!.GetValue<int>() < all["cells"]!.GetValue<int>());
        Assert.True(noise["needsTotal"]!.GetValue<int>() < all["needsTotal"]!.GetValue<int>() / 3);
        Assert.Equal(["noise"], noise["needPointCategories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(Jimingshan, noise["busiestCell"]!["jurisdiction"]!.GetValue<string>());
        Assert.Contains("鸡鸣山社区", noise["keyMatters"]!.AsArray()[0]!["text"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(BrowserHost.ArtifactsDirectory, "map-jimingshan-noise.png")));
        var cleared = run.Step("unfiltered");
        Assert.Equal(all["cellCountSum"]!.GetValue<int>(), cleared["cellCountSum"]!.GetValue<int>());
        Assert.True(cleared["needPointCategories"]!.AsArray().Count > 5, "Clearing the filter brings the other categories back.");
    }

    [Fact]
    public void A_filter_chosen_while_tiles_are_loading_reaches_every_tile()
    {
        // The tiles of a new view were still on their way (held 400 ms) when noise was chosen: MapLibre re-parses such a
        // tile's old answer on reload, so the page asks those sources again once their loads are in.
        var step = run.Step("noiseWhileLoading");
        Assert.True(step["needPoints"]!.GetValue<int>() > 0, "No need drawn at zoom 13 round 鸡鸣山.");
        Assert.Equal(["noise"], step["needPointCategories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Contains(Tiles(step), t => t.Kind == "needs" && t.Status == 200 && t.Z == 13 && t.Where == """{"categoryIn":["noise"]}""");
    }

    [Fact]
    public void Choosing_a_jurisdiction_frames_it_and_its_cells_and_counts_only_its_needs()
    {
        var community = run.Step("jurisdiction");
        Assert.InRange(community["needsTotal"]!.GetValue<int>(), 300, 1_000);
        var center = community["center"]!.AsArray().Select(c => c!.GetValue<double>()).ToArray();
        Assert.InRange(center[0], 120.09, 120.13);
        Assert.InRange(center[1], 29.28, 29.32);
        Assert.Contains(Tiles(community), t => t.Kind == "cells" && t.Status == 200 && t.Where == $$"""{"jurisdictionIn":["{{Jimingshan}}"]}""");
        // The map moves to the community only once its sources ask for the community's tiles: a tile of the new view asked
        // for at the old address kept the whole city's cells (MapLibre re-parses a loading tile's old data on reload).
        Assert.All(Tiles(community), t => Assert.Equal($$"""{"jurisdictionIn":["{{Jimingshan}}"]}""", t.Where));
        Assert.Equal([Jimingshan], community["cellJurisdictions"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(Jimingshan, community["keyMattersPlace"]!.GetValue<string>());
        Assert.Equal("noise.construction", community["keyMatters"]!.AsArray()[0]!["category"]!.GetValue<string>());
    }

    [Fact]
    public void A_time_window_narrows_the_needs_and_the_cells_window()
    {
        var city = run.Step("city");
        var week = run.Step("window7");
        Assert.InRange(week["needsTotal"]!.GetValue<int>(), 1, city["needsTotal"]!.GetValue<int>() / 10);
        var asked = Tiles(week);
        Assert.Contains(asked, t => t.Kind == "cells" && t.Status == 200 && t.Days == "7");
        Assert.DoesNotContain(asked, t => t.Status >= 400);
        Assert.True(week["cellCountSum"]!.GetValue<int>() < city["cellCountSum"]!.GetValue<int>());
    }

    [Fact]
    public void A_need_submitted_through_the_api_appears_on_the_open_page_within_two_seconds_and_pulses()
    {
        var live = run.Step("live");
        Assert.True(live["seenAfterMs"]!.GetValue<int>() <= 2_000, $"Seen after {live["seenAfterMs"]} ms, the submission answered after {live["answeredAfterMs"]} ms (the first need seen after {live["firstSeenAfterMs"]} ms).");
        Assert.Equal(Jimingshan, live["jurisdiction"]!.GetValue<string>());
        Assert.True(live["onMap"]!.GetValue<bool>());
        Assert.Contains("浏览器测试", live["listed"]!.GetValue<string>());
        Assert.True(live["pulsing"]!.GetValue<int>() > 0, "The new need does not pulse.");
        Assert.NotEmpty(run.Step("cellsAfterLive")["tiles"]!.AsArray());
    }

    [Fact]
    public void A_burst_in_a_quiet_village_raises_a_warning_that_reaches_the_open_page()
    {
        var warning = run.Step("warningLive");
        Assert.True(warning["count"]!.GetValue<int>() > 0);
        Assert.Contains(warning["village"]!.GetValue<string>(), warning["text"]!.GetValue<string>());
        Assert.Contains("泊松检验", warning["text"]!.GetValue<string>());
        Assert.Equal(1, warning["fresh"]!.GetValue<int>());
    }

    [Fact]
    public void Scenes_are_outlined_with_their_verdict_and_their_effect_is_explained_on_request()
    {
        var setup = run.Report["setup"]!;
        var load = run.Step("load");
        // The demo story has scenes of its own; this test's is found by its name.
        var scene = Assert.Single(load["sceneList"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "鸡鸣山夜间施工噪声管控");
        Assert.Equal(setup["verdict"]!.GetValue<string>(), scene!["verdict"]!.GetValue<string>());
        var verdictText = setup["verdict"]!.GetValue<string>() switch
        {
            "EFFECTIVE" => "有效",
            "NO_EFFECT" => "无明显效果",
            _ => "为时尚早",
        };
        Assert.Contains(verdictText, load["scenes"]!.GetValue<string>());
        var effect = run.Step("sceneEffect");
        Assert.Contains("对照区", effect["text"]!.GetValue<string>());
        Assert.Contains(effect["verdict"]!.GetValue<string>(), new[] { "EFFECTIVE", "NO_EFFECT", "TOO_EARLY" });
    }

    [Fact]
    public void The_interface_switches_to_english_from_the_same_dictionary()
    {
        var english = run.Step("english");
        Assert.Equal("NeedsMap", english["heading"]!.GetValue<string>());
        Assert.Equal("Key matters", english["keyMattersHeading"]!.GetValue<string>());
        Assert.Contains("Demand weather", english["legend"]!.GetValue<string>());
        Assert.DoesNotContain("无明显效果", english["scenes"]!.GetValue<string>());
    }

    private sealed record TileRequest(string Kind, int Z, int Status, string? Where, string? Days, string? LastDay);

    private static List<TileRequest> Tiles(JsonNode step) => step["tiles"]!.AsArray().Select(t => new TileRequest(
        t!["kind"]!.GetValue<string>(), t["z"]!.GetValue<int>(), t["status"]!.GetValue<int>(), t["where"]?.GetValue<string>(),
        t["days"]?.GetValue<string>(), t["lastDay"]?.GetValue<string>())).ToList();
}
