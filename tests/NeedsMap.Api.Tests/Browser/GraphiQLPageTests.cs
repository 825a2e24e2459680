namespace NeedsMap.Api.Tests.Browser;

/// <summary>GraphiQL in headless Chromium: served on /graphql to a browser, with the schema docs, a query and a live subscription.</summary>
public sealed class GraphiQLPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task GraphiQL_on_graphql_shows_the_docs_runs_a_query_and_receives_a_subscription()
    {
        var report = await host.RunScenarioAsync("graphiql");
        var steps = report["steps"]!;
        Assert.Equal(200, steps["page"]!["status"]!.GetValue<int>());
        Assert.StartsWith("text/html", steps["page"]!["contentType"]!.GetValue<string>());
        Assert.Contains("subscription: Subscription", steps["docs"]!["text"]!.GetValue<string>());
        var groups = steps["query"]!["response"]!["data"]!["needStats"]!["groups"]!.AsArray();
        Assert.Equal("noise", groups[0]!["key"]!.GetValue<string>());
        Assert.Contains(steps["subscription"]!["marker"]!.GetValue<string>(), steps["subscription"]!["response"]!.GetValue<string>());
        Assert.Empty(report["consoleErrors"]!.AsArray());
    }
}
