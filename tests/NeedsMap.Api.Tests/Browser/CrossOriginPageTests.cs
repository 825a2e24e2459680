namespace NeedsMap.Api.Tests.Browser;

/// <summary>
/// A frontend team's app on another origin, in headless Chromium against the demo server: the browser's own cross-origin
/// rules decide what the page may read (Security/CrossOrigin; its HTTP answers in <c>Security/CrossOriginTests</c>).
/// </summary>
[Collection(MapPageCollection.Name)]
public sealed class CrossOriginPageTests(MapPageRun run)
{
    [Fact]
    public async Task A_page_on_another_origin_signs_in_asks_as_itself_and_as_the_public_and_reads_tiles_and_refusals()
    {
        var report = await run.Host.RunScenarioAsync("crossorigin");
        var steps = report["steps"]!;
        Assert.StartsWith("http://localhost:", steps["page"]!["origin"]!.GetValue<string>());
        var calls = steps["calls"]!;
        Assert.Equal(200, calls["signIn"]!["status"]!.GetValue<int>());
        Assert.True(calls["signIn"]!["token"]!.GetValue<bool>());

        var admin = calls["admin"]!;
        Assert.Equal(200, admin["status"]!.GetValue<int>());
        Assert.True(admin["body"]!["data"]!["needs"]!["totalCount"]!.GetValue<int>() > 10_000, admin.ToJsonString());

        // The public's view, and its refusal of what only signed-in people see, are both readable by the page.
        var publicCells = calls["publicCells"]!;
        Assert.Equal(200, publicCells["status"]!.GetValue<int>());
        Assert.NotEmpty(publicCells["body"]!["data"]!["cells"]!.AsArray());
        Assert.Contains("AUTH_REQUIRED", calls["publicNeeds"]!["body"]!.ToJsonString(), StringComparison.Ordinal);
        var badToken = calls["badToken"]!;
        Assert.Equal(401, badToken["status"]!.GetValue<int>());
        Assert.NotNull(badToken["body"]!["errors"]);

        // A tile, and the ETag the page needs to revalidate it (an exposed header).
        var tile = calls["tile"]!;
        Assert.Equal(200, tile["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(tile["etag"]?.GetValue<string>()), tile.ToJsonString());

        // Requests with a token or a JSON body are preflighted by the browser, so the answers above were read after it said
        // yes. The browser is applying the cross-origin rules: it refuses a request with cookies, which the API invites none of.
        Assert.StartsWith("refused", calls["credentialed"]!.GetValue<string>());
        // Chromium logs the refused request and the 401 it was given; nothing else may go wrong on the page.
        Assert.DoesNotContain(report["consoleErrors"]!.AsArray().Select(e => e!.GetValue<string>()),
            e => !e.Contains("CORS", StringComparison.Ordinal) && !e.StartsWith("Failed to load resource", StringComparison.Ordinal));
    }
}
