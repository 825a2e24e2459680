using System.Text.Json.Nodes;

namespace NeedsMap.Api.Tests.Browser;

/// <summary>One walk through /map in headless Chromium, shared by the facts below (it takes a while on a small machine).</summary>
public sealed class MapPageRun : IAsyncLifetime
{
    public BrowserHost Host { get; } = new();

    public JsonNode Report { get; private set; } = new JsonObject();

    public JsonNode Step(string name) => Report["steps"]![name]!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        Report = await Host.RunScenarioAsync("map");
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class MapPageTests(MapPageRun run) : IClassFixture<MapPageRun>
{
    private const string Jimingshan = "330782002005";

    [Fact]
    public void The_map_draws_the_demo_city_boundaries_and_its_needs_without_a_basemap()
    {
        var load = run.Step("load");
        Assert.Equal(1 + 14 + 544, load["boundaries"]!.GetValue<int>());
        Assert.True(load["renderedStreetLines"]!.GetValue<int>() >= 14, "The 14 streets are not drawn.");
        Assert.True(load["renderedCommunities"]!.GetValue<int>() > 500, "The communities are not drawn.");
        Assert.Equal(20_000, load["needsTotal"]!.GetValue<int>());
        Assert.True(load["needsShown"]!.GetValue<int>() >= 5_000, "The needs were not loaded onto the map.");
        Assert.True(load["renderedClusters"]!.GetValue<int>() > 0, "At city zoom the needs are clustered.");
        Assert.Equal("问需于民一张图", load["heading"]!.GetValue<string>());
        Assert.Empty(run.Report["consoleErrors"]!.AsArray());
    }

    [Fact]
    public void At_close_zoom_jimingshan_needs_are_drawn_one_by_one_and_construction_noise_is_the_key_matter()
    {
        var close = run.Step("jimingshan");
        Assert.Equal(0, close["renderedClusters"]!.GetValue<int>());
        Assert.True(close["renderedPoints"]!.GetValue<int>() > 300);
        Assert.Equal(close["needsTotal"]!.GetValue<int>(), close["needsShown"]!.GetValue<int>());
        var first = close["keyMatters"]!.AsArray()[0]!;
        Assert.Equal("noise.construction", first["category"]!.GetValue<string>());
        Assert.Contains("鸡鸣山社区", first["text"]!.GetValue<string>());
    }

    [Fact]
    public void The_noise_filter_leaves_only_noise_and_its_largest_cluster_is_jimingshan()
    {
        var all = run.Step("jimingshanArea");
        var noise = run.Step("noiseOnly");
        Assert.True(noise["needsTotal"]!.GetValue<int>() < all["needsTotal"]!.GetValue<int>() / 3);
        Assert.Equal(["noise"], noise["shownTopCategories"]!.AsArray().Select(c => c!.GetValue<string>()));
        var cluster = noise["largestCluster"]!;
        var at = cluster["at"]!.AsArray().Select(c => c!.GetValue<double>()).ToArray();
        Assert.InRange(at[0], 120.10, 120.12);
        Assert.InRange(at[1], 29.29, 29.31);
        Assert.True(run.Step("unfiltered")["shownTopCategories"]!.AsArray().Count > 5, "Clearing the filter brings the other categories back.");
    }

    [Fact]
    public void Choosing_a_jurisdiction_frames_it_and_counts_only_its_needs_and_a_time_window_narrows_them()
    {
        var community = run.Step("jurisdiction");
        Assert.InRange(community["needsTotal"]!.GetValue<int>(), 300, 1_000);
        Assert.Equal(community["needsTotal"]!.GetValue<int>(), community["needsShown"]!.GetValue<int>());
        var center = community["center"]!.AsArray().Select(c => c!.GetValue<double>()).ToArray();
        Assert.InRange(center[0], 120.09, 120.13);
        Assert.InRange(center[1], 29.28, 29.32);
        Assert.Equal("noise.construction", community["keyMatters"]!.AsArray()[0]!["category"]!.GetValue<string>());
        var window = run.Step("window30")["needsTotal"]!.GetValue<int>();
        Assert.InRange(window, 1, run.Step("load")["needsTotal"]!.GetValue<int>() / 2);
    }

    [Fact]
    public void A_need_submitted_through_the_api_appears_on_the_open_page_within_two_seconds()
    {
        var live = run.Step("live");
        Assert.True(live["seenAfterMs"]!.GetValue<int>() <= 2_000, $"Seen after {live["seenAfterMs"]} ms.");
        Assert.Equal(Jimingshan, live["jurisdiction"]!.GetValue<string>());
        Assert.True(live["onMap"]!.GetValue<bool>());
        Assert.Contains("浏览器测试", live["listed"]!.GetValue<string>());
        Assert.True(live["pulsing"]!.GetValue<int>() > 0, "The new need does not pulse.");
    }

    [Fact]
    public void The_interface_switches_to_english_from_the_same_dictionary()
    {
        var english = run.Step("english");
        Assert.Equal("NeedsMap", english["heading"]!.GetValue<string>());
        Assert.Equal("Key matters", english["keyMattersHeading"]!.GetValue<string>());
    }

    [Fact]
    public void Layers_of_features_not_deployed_here_are_hidden_with_a_note()
    {
        var load = run.Step("load");
        Assert.False(load["layers"]!["cells"]!.GetValue<bool>());
        Assert.Contains("暂未上线", load["warnings"]!.GetValue<string>());
        Assert.Contains("暂未上线", load["scenes"]!.GetValue<string>());
        Assert.Contains("网格热力", load["legend"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(BrowserHost.ArtifactsDirectory, "map-jimingshan-noise.png")));
    }
}
