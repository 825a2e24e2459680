using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Security.Privacy;

/// <summary>
/// Issue #17's attacks, from outside, as the public (no token) and as masked roles with real tokens: padding a large
/// group with a condition that matches one need (a name, a community, a day, a complement) must not change what the
/// caller learns, and a masked phone number's hidden digits cannot be found with textContains windows, over GraphQL and
/// the tile routes. The victim is one garbage complaint in 鸡鸣山社区 whose text names 王建国 and 13912341111.
/// </summary>
public sealed class DifferencingAttackTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    private const string VictimName = "王建国";
    private const string VictimPhone = "13912341111";
    private static readonly DateTimeOffset VictimAt = new(2026, 6, 10, 3, 30, 0, TimeSpan.Zero);
    private GeoPoint _victimAt;

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        var jimingshan = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var first = TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity);
        await TestNeeds.AddManyAsync(host, [
            .. Enumerable.Range(0, 8).SelectMany(i => new[]
            {
                new TestNeed("工地夜里打桩，吵得睡不着" + i, "noise.construction", TestNeeds.Offset(jimingshan, i * 20, 0), Reporter: "j" + i),
                new TestNeed("小区门口乱停车" + i, "traffic.parking", TestNeeds.Offset(first, i * 20, 0), Reporter: "p" + i),
            }),
            .. Enumerable.Range(0, 6).Select(i =>
                new TestNeed("商铺音响太吵" + i, "noise.construction", TestNeeds.Offset(first, 0, i * 20), Reporter: "q" + i)),
        ]);
        _victimAt = TestNeeds.Offset(jimingshan, 35, 35);
    }

    /// <summary>
    /// The one need the attacks are after; each test adds it, the padding tests after asking once without it: a padded
    /// filter that isolates the victim must answer alike in both worlds. (A filter whose shown group merely contains the
    /// victim among k others answers one more, as any exact count does; that is not a padding.)
    /// </summary>
    private Task AddVictimAsync() => TestNeeds.AddAsync(host, $"垃圾三天没人收，我是{VictimName}，电话{VictimPhone}", "environment.garbage", _victimAt,
        receivedAt: VictimAt, reporter: "victim");

    public Task DisposeAsync() => Task.CompletedTask;

    private string Staff => host.Token(RoleRights.DepartmentStaff, department: "enforcement", subject: "zhao");

    private string Deputy => host.Token(RoleRights.Deputy, TestNeeds.Jiangdong, subject: "wu");

    private string Admin => host.Token(RoleRights.CityAdmin, subject: "root");

    /// <summary>The body a caller gets for needStats over a filter, as text: what it learns.</summary>
    private async Task<string> StatsAsync(object filter, string? token = null, string groupBy = "CHANNEL")
    {
        var (_, body, _) = await host.PostAsync($"query($w: NeedFilter) {{ needStats(where: $w, groupBy: {groupBy}) {{ totalCount groups {{ key count distinctReporters }} }} }}",
            new { w = filter }, token);
        return body!.ToJsonString();
    }

    private static JsonNode? Data(string body) => JsonNode.Parse(body)!["data"];

    private static string? Code(string body) => JsonNode.Parse(body)!["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    private static int Total(string body) => Data(body)!["needStats"]!["totalCount"]!.GetValue<int>();

    [Theory]
    [InlineData("noise.construction")]
    [InlineData("noise")]
    public async Task The_issues_padding_attack_with_a_name_tells_the_public_nothing(string big)
    {
        await AddVictimAsync();
        var present = await StatsAsync(new { or = new object[] { new { categoryIn = new[] { big } }, new { textContains = VictimName } } });
        var absent = await StatsAsync(new { or = new object[] { new { categoryIn = new[] { big } }, new { textContains = "李四" } } });
        Assert.Equal(absent, present);
        Assert.Equal("FORBIDDEN", Code(present));

        var phone = await StatsAsync(new { or = new object[] { new { categoryIn = new[] { big } }, new { textContains = "1234" } } });
        Assert.Equal("FORBIDDEN", Code(phone));
        // The large group alone is answered.
        Assert.Equal(14, Total(await StatsAsync(new { categoryIn = new[] { big } })));
    }

    public static IEnumerable<object[]> Paddings()
    {
        object Garbage(string jurisdiction) => new { and = new object[] { new { categoryIn = new[] { "environment.garbage" } }, new { jurisdictionIn = new[] { jurisdiction } } } };
        yield return ["or the victim's category in its community", new { or = new[] { new { categoryIn = new[] { "noise" } }, Garbage(TestNeeds.Jimingshan) } }];
        yield return ["not the victim's category in its community", new { not = Garbage(TestNeeds.Jimingshan) }];
        yield return ["its community and not its category", new { and = new object[] { new { jurisdictionIn = new[] { TestNeeds.Jimingshan } },
            new { not = new { categoryIn = new[] { "environment" } } } } }];
        yield return ["its category and its community's street", new { and = new object[] { new { categoryIn = new[] { "environment" } },
            new { jurisdictionIn = new[] { TestNeeds.Jiangdong } } } }];
        // Jurisdiction differencing: a large category or'ed with the victim's community.
        yield return ["or its community", new { or = new object[] { new { categoryIn = new[] { "noise" } }, new { jurisdictionIn = new[] { TestNeeds.Jimingshan } } } }];
        yield return ["its community but not the large category", new { and = new object[] { new { jurisdictionIn = new[] { TestNeeds.Jimingshan } },
            new { not = new { categoryIn = new[] { "noise" } } } } }];
        yield return ["its street but not the large categories", new { and = new object[] { new { jurisdictionIn = new[] { TestNeeds.Jiangdong } },
            new { not = new { categoryIn = new[] { "noise", "traffic" } } } } }];
        // Time differencing: the victim's day (bounds to the second, widened to the day), windows ending either side of it.
        yield return ["or its day", new { or = new object[] { new { categoryIn = new[] { "noise" } },
            new { receivedFrom = VictimAt.AddSeconds(-1), receivedBefore = VictimAt.AddSeconds(1) } } }];
        yield return ["a window ending after it", new { receivedBefore = VictimAt.AddDays(1) }];
        yield return ["a window starting on its day", new { receivedFrom = VictimAt.AddHours(-1) }];
        // Small-group complement: everything but the large groups is the victim alone.
        yield return ["the complement of the large groups", new { not = new { categoryIn = new[] { "noise", "traffic" } } }];
        yield return ["the complement of the large groups and another channel", new { or = new object[] { new { not = new { categoryIn = new[] { "noise", "traffic" } } },
            new { channelIn = new[] { "app" } } } }];
    }

    [Theory]
    [MemberData(nameof(Paddings))]
    public async Task Padding_a_large_group_with_one_need_tells_the_public_nothing(string attack, object padded)
    {
        var groupings = new[] { "CHANNEL", "CATEGORY", "CATEGORY, categoryLevel: TOP", "JURISDICTION", "JURISDICTION, jurisdictionLevel: STREET", "STATUS", "DAY" };
        var before = new Dictionary<string, string>();
        foreach (var groupBy in groupings)
        {
            before[groupBy] = await StatsAsync(padded, groupBy: groupBy);
            Assert.Null(Code(before[groupBy]));
        }
        await AddVictimAsync();
        foreach (var groupBy in groupings)
        {
            var after = await StatsAsync(padded, groupBy: groupBy);
            Assert.True(before[groupBy] == after, $"{attack}, by {groupBy}: without the victim {before[groupBy]}, with it {after}");
        }
        // The same questions are answered in full for the city administrator, victim included.
        var admin = JsonNode.Parse(await StatsAsync(padded, Admin))!;
        Assert.True(admin["data"]!["needStats"]!["totalCount"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Public_groups_never_add_up_to_more_than_they_show_and_small_groups_stay_out()
    {
        await AddVictimAsync();
        var body = JsonNode.Parse(await StatsAsync(new { }, groupBy: "CATEGORY, categoryLevel: TOP"))!;
        var groups = body["data"]!["needStats"]!["groups"]!.AsArray();
        Assert.Equal(["noise", "traffic"], groups.Select(g => g!["key"]!.GetValue<string>()).Order());
        Assert.Equal(groups.Sum(g => g!["count"]!.GetValue<int>()), body["data"]!["needStats"]!["totalCount"]!.GetValue<int>());
        // The city administrator sees the victim's group.
        var admin = JsonNode.Parse(await StatsAsync(new { }, Admin, "CATEGORY, categoryLevel: TOP"))!;
        Assert.Contains("environment", admin["data"]!["needStats"]!["groups"]!.AsArray().Select(g => g!["key"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_public_may_not_count_by_polygon_circle_or_box()
    {
        await AddVictimAsync();
        var near = new { near = new { point = new { type = "Point", coordinates = new[] { _victimAt.Longitude, _victimAt.Latitude } }, meters = 5.0 } };
        var bbox = new { bbox = new { west = _victimAt.Longitude - 0.0001, south = _victimAt.Latitude - 0.0001, east = _victimAt.Longitude + 0.0001, north = _victimAt.Latitude + 0.0001 } };
        foreach (var place in new object[] { near, bbox })
        {
            var body = await StatsAsync(new { or = new object[] { new { categoryIn = new[] { "noise" } }, place } });
            Assert.Equal("FORBIDDEN", Code(body));
        }
    }

    [Theory]
    [InlineData("9123")]
    [InlineData("1234")]
    [InlineData("2341")]
    [InlineData("3411")]
    [InlineData("91234")]
    public async Task Department_staff_cannot_find_a_masked_phone_numbers_hidden_digits(string window)
    {
        await AddVictimAsync();
        var query = "query($w: NeedFilter) { needs(where: $w) { totalCount edges { node { text } } } }";
        var staff = await host.GraphQLAsync(query, new { w = new { textContains = window } }, token: Staff);
        if (window.Length >= 5)
        {
            // Five digits or more are refused outright for masked roles.
            Assert.Equal("FORBIDDEN", staff["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            return;
        }
        Assert.Null(staff["errors"]);
        Assert.Equal(0, staff["data"]!["needs"]!["totalCount"]!.GetValue<int>());
        var stats = JsonNode.Parse(await StatsAsync(new { or = new object[] { new { categoryIn = new[] { "noise" } }, new { textContains = window } } }, Staff))!;
        Assert.Equal(14, stats["data"]!["needStats"]!["totalCount"]!.GetValue<int>());

        // The administrator, who sees personal data, finds it: the windows are real.
        var admin = await host.GraphQLAsync(query, new { w = new { textContains = window } }, token: Admin);
        Assert.Equal(1, admin["data"]!["needs"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Masked_roles_search_what_they_can_read_and_only_that()
    {
        await AddVictimAsync();
        var query = "query($w: NeedFilter) { needs(where: $w) { totalCount edges { node { text } } } }";
        foreach (var token in new[] { Staff, Deputy })
        {
            // The visible parts are found, with the text as the role reads it.
            var visible = await host.GraphQLAsync(query, new { w = new { textContains = "139****1111" } }, token: token);
            Assert.Equal(1, visible["data"]!["needs"]!["totalCount"]!.GetValue<int>());
            Assert.Equal("垃圾三天没人收，我是王**，电话139****1111", visible["data"]!["needs"]!["edges"]![0]!["node"]!["text"]!.GetValue<string>());
            // The name is not.
            var name = await host.GraphQLAsync(query, new { w = new { textContains = VictimName } }, token: token);
            Assert.Equal(0, name["data"]!["needs"]!["totalCount"]!.GetValue<int>());
            // Padding a count with the name changes nothing for them either.
            Assert.Equal(await StatsAsync(new { or = new object[] { new { categoryIn = new[] { "noise" } }, new { textContains = "李四" } } }, token),
                await StatsAsync(new { or = new object[] { new { categoryIn = new[] { "noise" } }, new { textContains = VictimName } } }, token));
        }
        var admin = await host.GraphQLAsync(query, new { w = new { textContains = VictimName } }, token: Admin);
        Assert.Equal(1, admin["data"]!["needs"]!["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("2341", false)]
    [InlineData(VictimName, false)]
    [InlineData("1111", true)]
    public async Task The_needs_tiles_search_masked_texts_for_department_staff(string text, bool found)
    {
        await AddVictimAsync();
        var (x, y) = TileOf(_victimAt, 14);
        var where = Uri.EscapeDataString($$"""{"textContains":"{{text}}"}""");
        using var staff = await TileAsync($"/tiles/needs/14/{x}/{y}.mvt?where={where}", Staff);
        Assert.Equal(found ? HttpStatusCode.OK : HttpStatusCode.NoContent, staff.StatusCode);
        using var admin = await TileAsync($"/tiles/needs/14/{x}/{y}.mvt?where={where}", Admin);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task The_cells_tiles_refuse_the_publics_text_padding_alike_for_a_name_there_or_not()
    {
        await AddVictimAsync();
        var (x, y) = TileOf(_victimAt, 12);
        string Where(string name) => Uri.EscapeDataString($$"""{"or":[{"categoryIn":["noise"]},{"textContains":"{{name}}"}]}""");
        using var present = await TileAsync($"/tiles/cells/12/{x}/{y}.mvt?lastDay=2026-06-30&days=60&where={Where(VictimName)}", null);
        using var absent = await TileAsync($"/tiles/cells/12/{x}/{y}.mvt?lastDay=2026-06-30&days=60&where={Where("李四")}", null);
        Assert.Equal(absent.StatusCode, present.StatusCode);
        Assert.Equal(await absent.Content.ReadAsStringAsync(), await present.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, present.StatusCode);
    }

    /// <summary>
    /// The public sees no cells until issue #15 opens them; what it will see goes through <see cref="PublicCells"/>, checked here on
    /// the city administrator's answer: the large cell stays, and a padded question answers alike with or without the victim.
    /// </summary>
    [Fact]
    public async Task The_public_cells_rule_keeps_a_large_cell_and_answers_a_padded_question_alike_with_or_without_the_victim()
    {
        var window = new CellWindow(new DateOnly(2026, 6, 30), 60);
        var padded = new NeedFilter
        {
            Or = [new NeedFilter { CategoryIn = ["noise"] },
            new NeedFilter { And = [new NeedFilter { CategoryIn = ["environment.garbage"] }, new NeedFilter { JurisdictionIn = [TestNeeds.Jimingshan] }] }]
        };
        var whole = await PublicCellsAsync(null, window);
        Assert.NotEmpty(whole);
        Assert.All(whole, c => Assert.True(c.Count >= 5, $"{c.Cell} shows {c.Count}"));
        var before = await PublicCellsAsync(padded, window);

        var cache = host.Service<CellAnswerCache>();
        var generation = cache.Generation;
        await AddVictimAsync();
        // The cached answers are dropped once the cell's change is heard; ask only then.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (cache.Generation == generation && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.NotEqual(generation, cache.Generation);
        var after = await PublicCellsAsync(padded, window);
        Assert.Equal(before.Select(c => (c.Cell, c.Count, c.DemandIndex, c.Baseline)), after.Select(c => (c.Cell, c.Count, c.DemandIndex, c.Baseline)));
    }

    private async Task<IReadOnlyList<CellDemandSummary>> PublicCellsAsync(NeedFilter? filter, CellWindow window)
    {
        await using var services = host.Services.CreateAsyncScope();
        services.ServiceProvider.GetRequiredService<AccessScope>().Establish(new Caller("root", RoleRights.CityAdmin, null, null, Authenticated: true),
            host.Service<ReferenceData>().Current, 5);
        var answer = await services.ServiceProvider.GetRequiredService<CellReader>().ReadAsync(HexResolution.R500, null, null, filter, window,
            CellQueryDefaults.BaselineWindows, CancellationToken.None);
        return await host.Service<PublicCells>().GuardAsync(answer, null, HexResolution.R500, null, filter, window, CellQueryDefaults.BaselineWindows, 5,
            CancellationToken.None);
    }

    [Fact]
    public async Task Public_key_matters_leave_the_victims_category_out_of_every_number()
    {
        var query = $$"""
            { keyMatters(jurisdictionCode: "{{TestNeeds.Jimingshan}}", window: { lastDay: "2026-06-30", days: 30 }) {
              records cases residents smallGroupsSuppressed categories { category { code } components { records residents previousRecords } } } }
            """;
        var (_, before, _) = await host.PostAsync(query);
        await AddVictimAsync();
        var (_, after, _) = await host.PostAsync(query);
        Assert.Null(after!["errors"]);
        Assert.Equal(before!.ToJsonString(), after.ToJsonString());
        Assert.Equal(8, after["data"]!["keyMatters"]!["residents"]!.GetValue<int>());
        // The administrator's ranking has the victim's category and counts its resident.
        var admin = await host.GraphQLAsync(query, token: Admin);
        Assert.Equal(9, admin["data"]!["keyMatters"]!["residents"]!.GetValue<int>());
    }

    private async Task<HttpResponseMessage> TileAsync(string url, string? token)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await client.SendAsync(request);
    }

    private static (int X, int Y) TileOf(GeoPoint p, int z)
    {
        var n = 1 << z;
        var x = (int)((p.Longitude + 180) / 360 * n);
        var lat = double.DegreesToRadians(p.Latitude);
        var y = (int)((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n);
        return (x, y);
    }
}
