namespace NeedsMap.Api.Tests.Browser;

/// <summary>
/// GraphiQL in headless Chromium: served on /graphql to a browser, signed in through a persona link, with the schema docs,
/// a query and a live subscription; then the persona switcher signs in someone else, and the public is asked to sign in.
/// </summary>
[Collection(MapPageCollection.Name)]
public sealed class GraphiQLPageTests(MapPageRun run)
{
    [Fact]
    public void GraphiQL_on_graphql_shows_the_docs_runs_a_query_and_receives_a_subscription()
    {
        var report = run.GraphiQL;
        var steps = report["steps"]!;
        Assert.Equal(200, steps["page"]!["status"]!.GetValue<int>());
        Assert.StartsWith("text/html", steps["page"]!["contentType"]!.GetValue<string>());
        Assert.Contains("subscription: Subscription", steps["docs"]!["text"]!.GetValue<string>());
        var groups = steps["query"]!["response"]!["data"]!["needStats"]!["groups"]!.AsArray();
        Assert.Equal("noise", groups[0]!["key"]!.GetValue<string>());
        Assert.Contains(steps["subscription"]!["marker"]!.GetValue<string>(), steps["subscription"]!["response"]!.GetValue<string>());

        var session = steps["session"]!;
        Assert.True(session["shown"]!.GetValue<bool>());
        Assert.Equal("city_admin", session["selected"]!.GetValue<string>());
        Assert.Equal("city_admin", session["caller"]!["role"]!.GetValue<string>());
        Assert.Equal(7, session["personas"]!.AsArray().Count);

        // The switcher: the street officer's token counts the street's needs only; the public is asked to sign in.
        var officer = steps["streetOfficer"]!;
        Assert.Equal("street_officer", officer["session"]!["caller"]!["role"]!.GetValue<string>());
        Assert.Equal("street_officer", officer["session"]!["selected"]!.GetValue<string>());
        Assert.InRange(officer["response"]!["data"]!["needs"]!["totalCount"]!.GetValue<int>(), 1, 10_000);
        var anonymous = steps["public"]!;
        Assert.False(anonymous["session"]!["caller"]!["signedIn"]!.GetValue<bool>());
        Assert.Equal("public", anonymous["session"]!["selected"]!.GetValue<string>());
        Assert.Equal("AUTH_REQUIRED", anonymous["response"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        // The only console error is the browser's own line for that 401, which GraphiQL shows in its response pane.
        Assert.All(report["consoleErrors"]!.AsArray(), e => Assert.StartsWith(
            "Failed to load resource: the server responded with a status of 401", e!.GetValue<string>()));
        Assert.True(File.Exists(Path.Combine(BrowserHost.ArtifactsDirectory, "graphiql-public.png")));
    }
}
