using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NeedsMap.Api.Tests.Browser;

/// <summary>
/// /map as each person the platform serves (tests/js/browser/roles.mjs): the public with no token, then each demo persona
/// signed in through the switcher or its link, with a real token from /demo/sign-in. Each lands on the page (screenshot
/// role-&lt;persona&gt;.png), then looks closely at their own area, or 鸡鸣山社区 when they have none.
/// </summary>
[Collection(MapPageCollection.Name)]
public sealed partial class RolePageTests(MapPageRun run)
{
    private const string Jimingshan = "330782002005";
    private const string Jiangdong = "330782002";
    private const string SignInToSee = "需要登录后查看";

    public static TheoryData<string> Personas => ["public", "resident", "community_worker", "street_officer", "department_staff", "deputy", "city_admin"];

    /// <summary>What the page may draw for each persona: a panel listed here is refused with a reason, every other one is answered.</summary>
    private static readonly Dictionary<string, string[]> RefusedPanels = new()
    {
        // No token: no single need (records), so no points and no live needs; the aggregates are the public's.
        ["public"] = ["needs-shown", "live"],
        // A resident's records are their own needs; the weather is the public's (AccessScope.Weather).
        ["resident"] = [],
        ["community_worker"] = [],
        ["street_officer"] = [],
        ["department_staff"] = [],
        ["deputy"] = [],
        ["city_admin"] = [],
    };

    private static readonly string[] Panels = ["summary", "needs-shown", "weather-note", "key-matters", "warnings", "scenes", "live"];

    private JsonNode Role(string persona, string step = "landing") =>
        run.Roles["roles"]?[persona]?[step] ?? throw new Xunit.Sdk.XunitException($"The walk has no {step} step for {persona}: {run.Roles["error"]}");

    [Theory]
    [MemberData(nameof(Personas))]
    public void Each_persona_is_offered_by_the_switcher_and_the_page_asks_as_that_persona(string persona)
    {
        Assert.Contains(run.Roles["personas"]!.AsArray(), p => p!["id"]!.GetValue<string>() == persona);
        var landing = Role(persona);
        Assert.True(landing["demo"]!.GetValue<bool>());
        var switcher = landing["switcher"]!;
        Assert.True(switcher["shown"]!.GetValue<bool>());
        Assert.Equal(persona, switcher["selected"]!.GetValue<string>());
        Assert.Equal(run.Roles["personas"]!.AsArray().Count, switcher["options"]!.AsArray().Count);
        var caller = landing["caller"]!;
        var listed = run.Roles["personas"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == persona)!;
        Assert.Equal(listed["role"]!.GetValue<string>(), caller["role"]!.GetValue<string>());
        Assert.Equal(persona != "public", caller["signedIn"]!.GetValue<bool>());
        Assert.Contains(listed["label"]!.GetValue<string>(), landing["who"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(BrowserHost.ArtifactsDirectory, $"role-{persona}.png")), $"role-{persona}.png is missing.");
    }

    [Theory]
    [MemberData(nameof(Personas))]
    public void No_request_is_refused_or_fails_unless_the_page_says_why(string persona)
    {
        foreach (var step in new[] { "landing", "close" })
        {
            var facts = Role(persona, step);
            Assert.True(facts["unexplained"]!.AsArray().Count == 0,
                $"{persona} ({step}): answered 4xx/5xx with nothing on the page saying why: {facts["unexplained"]!.ToJsonString()}");
            var problems = facts["problems"]!.AsArray();
            Assert.All(problems, p => Assert.True(p!["shown"]!.GetValue<bool>(), $"{persona} ({step}): {p.ToJsonString()} is not on the page."));
            // The browser logs each refused response itself; nothing else may reach the console.
            var statuses = problems.Select(p => p!["status"]?.GetValue<int?>()).OfType<int>().ToHashSet();
            Assert.All(facts["consoleErrors"]!.AsArray().Select(e => e!.GetValue<string>()), error =>
            {
                var match = FailedResource().Match(error);
                Assert.True(match.Success && statuses.Contains(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
                    $"{persona} ({step}) console: {error}");
            });
        }
    }

    [Theory]
    [MemberData(nameof(Personas))]
    public void The_panels_a_persona_may_use_are_answered_and_the_others_say_why(string persona)
    {
        var panels = Role(persona)["panels"]!;
        foreach (var panel in Panels)
        {
            var state = panels[panel]?["state"]?.GetValue<string>();
            var text = panels[panel]?["text"]?.GetValue<string>() ?? "";
            if (RefusedPanels[persona].Contains(panel))
            {
                Assert.True(state == "refused", $"{persona}: {panel} is {state} ({text}), not refused with a reason.");
                Assert.Matches(persona == "public" ? SignInToSee : "当前身份无权查看", text);
            }
            else
            {
                Assert.True(state is "filled" or "empty", $"{persona}: {panel} is {state}: {text}");
            }
        }
        // The boundaries come from the route, and draw for everyone.
        var landing = Role(persona);
        Assert.Equal(1 + 14 + 544, landing["boundaries"]!.GetValue<int>());
        Assert.True(landing["renderedStreetLines"]!.GetValue<int>() > 0, $"{persona}: no street drawn.");
    }

    [Fact]
    public void The_public_sees_the_city_s_weather_key_matters_warnings_and_scenes_but_no_single_need()
    {
        var landing = Role("public");
        Assert.True(landing["renderedCommunities"]!.GetValue<int>() > 500, "The communities are not drawn for the public.");
        Assert.True(landing["cells"]!.GetValue<int>() > 20, $"{landing["cells"]} weather cells drawn for the public.");
        Assert.True(landing["needsTotal"]!.GetValue<int>() > 19_000, $"The public counts {landing["needsTotal"]} needs in the city.");
        Assert.Equal("filled", State(landing, "key-matters"));
        Assert.Equal("filled", State(landing, "warnings"));
        Assert.Equal("filled", State(landing, "scenes"));
        Assert.Contains("鸡鸣山夜间施工噪声管控", landing["scenes"]!.GetValue<string>());
        Assert.Contains(SignInToSee, Text(landing, "live"));
        var close = Role("public", "close");
        Assert.True(close["cells"]!.GetValue<int>() > 0, "Close up, the public's coarse cells are not drawn.");
        Assert.Equal(0, close["needPoints"]!.GetValue<int>());
        foreach (var step in new[] { landing, close })
        {
            var tiles = step["tiles"]!.AsArray();
            Assert.DoesNotContain(tiles, t => t!["kind"]!.GetValue<string>() == "needs");
            // 500 m cells and up: the cell tiles are asked for no closer than zoom 12, and enlarged beyond it.
            Assert.All(tiles, t => Assert.InRange(t!["z"]!.GetValue<int>(), 0, 12));
            Assert.All(tiles, t => Assert.Contains(t!["status"]!.GetValue<int>(), new[] { 200, 204 }));
        }
        Assert.Empty(landing["problems"]!.AsArray());
    }

    [Theory]
    [InlineData("community_worker", Jimingshan)]
    [InlineData("street_officer", Jiangdong)]
    [InlineData("deputy", Jiangdong)]
    public void A_street_or_community_persona_starts_at_home_and_sees_only_its_area(string persona, string home)
    {
        var landing = Role(persona);
        Assert.Equal(home, landing["caller"]!["jurisdiction"]!.GetValue<string>());
        Assert.Equal(home, landing["keyMattersPlace"]!.GetValue<string>());
        Assert.Equal("filled", State(landing, "key-matters"));
        Assert.InRange(landing["needsTotal"]!.GetValue<int>(), 1, 10_000);
        Assert.True(landing["cells"]!.GetValue<int>() > 0, $"{persona}: no weather cells.");
        Assert.All(landing["cellJurisdictions"]!.AsArray(), j => Assert.StartsWith(home, j!.GetValue<string>()));
        var close = Role(persona, "close");
        Assert.True(close["needPoints"]!.GetValue<int>() > 0, $"{persona}: no need drawn close up.");
        // A community worker lands that close already: the needs tiles may come with the landing and be reused.
        Assert.Contains(landing["tiles"]!.AsArray().Concat(close["tiles"]!.AsArray()),
            t => t!["kind"]!.GetValue<string>() == "needs" && t["status"]!.GetValue<int>() == 200);
    }

    [Theory]
    [InlineData("department_staff")]
    [InlineData("city_admin")]
    public void A_city_wide_persona_sees_the_whole_city_and_its_needs_close_up(string persona)
    {
        var landing = Role(persona);
        Assert.True(landing["needsTotal"]!.GetValue<int>() >= 20_000, $"{persona} counts {landing["needsTotal"]} needs.");
        Assert.True(landing["cells"]!.GetValue<int>() > 100);
        Assert.Equal("filled", State(landing, "warnings"));
        Assert.Equal("filled", State(landing, "scenes"));
        var close = Role(persona, "close");
        Assert.True(close["needPoints"]!.GetValue<int>() > 300, $"{persona}: {close["needPoints"]} needs drawn in 鸡鸣山社区.");
    }

    [Fact]
    public void A_resident_sees_only_their_own_needs_and_the_public_weather()
    {
        var landing = Role("resident");
        Assert.Equal("resident", landing["caller"]!["role"]!.GetValue<string>());
        // Their own needs only: none of the demo city's 20,000 generated ones were reported by this persona.
        Assert.True(landing["needsTotal"]!.GetValue<int>() < 100, $"A resident counts {landing["needsTotal"]} needs.");
        // The weather is everyone's: the city's, as the public sees it (500 m cells and up, small groups left out).
        // The page opens on the resident's community, so fewer cells are in view than on the public's city-wide landing.
        Assert.True(landing["cells"]!.GetValue<int>() > 0, $"{landing["cells"]} weather cells drawn for a resident.");
        Assert.DoesNotContain(landing["problems"]!.AsArray(), p => p!["panel"]!.GetValue<string>() == "weather-note");
        Assert.All(landing["tiles"]!.AsArray().Where(t => t!["kind"]!.GetValue<string>() == "cells"),
            t => Assert.InRange(t!["z"]!.GetValue<int>(), 0, 12));
    }

    private static string? State(JsonNode facts, string panel) => facts["panels"]![panel]?["state"]?.GetValue<string>();

    private static string Text(JsonNode facts, string panel) => facts["panels"]![panel]?["text"]?.GetValue<string>() ?? "";

    [GeneratedRegex(@"^Failed to load resource: the server responded with a status of (\d{3})")]
    private static partial Regex FailedResource();
}
