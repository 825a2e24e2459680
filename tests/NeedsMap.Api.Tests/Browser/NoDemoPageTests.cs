namespace NeedsMap.Api.Tests.Browser;

/// <summary>A server without demo mode, in Chromium: no persona switcher anywhere, and a persona link signs no one in.</summary>
public sealed class NoDemoPageTests(NoDemoPageTests.Host host) : IClassFixture<NoDemoPageTests.Host>
{
    public sealed class Host : BrowserHost
    {
        protected override bool Demo => false;

        protected override bool LoadDemoNeeds => false;
    }

    [Fact]
    public async Task Without_demo_mode_the_pages_offer_no_personas_and_a_persona_link_leaves_the_public_view()
    {
        var report = await host.RunScenarioAsync("nodemo");
        var steps = report["steps"]!;
        var map = steps["map"]!;
        Assert.False(map["demo"]!.GetValue<bool>());
        Assert.False(map["switcherShown"]!.GetValue<bool>());
        Assert.False(map["switcher"]!.GetValue<bool>());
        Assert.Equal(1 + 14 + 544, map["boundaries"]!.GetValue<int>());
        Assert.Empty(map["refusals"]!.AsArray());
        var link = steps["personaLink"]!;
        Assert.False(link["caller"]!["signedIn"]!.GetValue<bool>());
        Assert.False(link["switcher"]!.GetValue<bool>());
        Assert.Contains("登录失败", link["note"]!.GetValue<string>());
        Assert.Empty(link["refusals"]!.AsArray());
        Assert.False(steps["graphiql"]!["sessionShown"]!.GetValue<bool>());
        Assert.False(steps["graphiql"]!["switcher"]!.GetValue<bool>());
        // The pages never ask for the demo routes when the server says it has no demo.
        Assert.Empty(report["demoRequests"]!.AsArray());
        Assert.Empty(report["consoleErrors"]!.AsArray());
    }
}
