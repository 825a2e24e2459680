using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeedsMap.Api.Demo.Seeding.Story;
using Snapshooter.Xunit;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>
/// Issue #15 item 5: the demo tells the seed's story. After the demo loads, each role that may see them reads, through
/// a real token, 鸡鸣山's consultation with its posts and votes, the scenes with the verdicts the product's calculator
/// gave from the generated needs, the whistles with their history and ratings, the reform list and the one-thing bundles.
/// </summary>
public sealed class DemoStoryTests(DemoStoryHost host) : IClassFixture<DemoStoryHost>
{
    private const string Jimingshan = "330782002005";
    private const string Jiangdong = "330782002";

    // The list, then the one consultation whole: a list of whole consultations costs more than a deputy may ask (10,000).
    private const string ConsultationQuery = """
        query($id: ID!) { consultation(id: $id) { status jurisdiction { code } sceneId whistleId reformItemId
            participants { name role } threads { body postedAt replies { body } } proposals { text supportCount supported } } }
        """;

    public static TheoryData<string, string?> ConsultationReaders => new()
    {
        { "city_admin", null }, { "street_officer", Jiangdong }, { "community_worker", Jimingshan }, { "deputy", Jimingshan },
    };

    [Theory]
    [MemberData(nameof(ConsultationReaders))]
    public async Task Jimingshans_consultation_comes_with_its_posts_and_the_sensor_proposals_votes(string role, string? jurisdiction)
    {
        var token = host.Token(role, jurisdiction);
        var listed = Assert.Single((await OkAsync("{ consultations { id title } }", token))["consultations"]!.AsArray())!;
        var consultation = (await OkAsync(ConsultationQuery, token, new { id = listed["id"]!.GetValue<string>() }))["consultation"]!;
        Assert.Equal(Jimingshan, consultation["jurisdiction"]!["code"]!.GetValue<string>());
        Assert.Equal("CLOSED", consultation["status"]!.GetValue<string>());
        var roles = consultation["participants"]!.AsArray().Select(p => p!["role"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "OFFICIAL", "PEOPLES_DEPUTY", "CPPCC_MEMBER", "PARTY_MEMBER", "RESIDENT" }, roles);
        var threads = consultation["threads"]!.AsArray();
        Assert.True(threads.Count >= 4, consultation.ToJsonString());
        Assert.Contains(threads, t => t!["replies"]!.AsArray().Count > 0);
        Assert.All(threads, t => Assert.False(string.IsNullOrEmpty(t!["body"]?.GetValue<string>())));
        var proposals = consultation["proposals"]!.AsArray();
        Assert.Equal(2, proposals.Count);
        var sensors = proposals.Single(p => p!["text"]!.GetValue<string>().Contains("声音传感器", StringComparison.Ordinal))!;
        Assert.Equal((6, true), (sensors["supportCount"]!.GetValue<int>(), sensors["supported"]!.GetValue<bool>()));
        var nightStop = proposals.Single(p => p != sensors)!;
        Assert.Equal((2, false), (nightStop["supportCount"]!.GetValue<int>(), nightStop["supported"]!.GetValue<bool>()));
        Assert.NotNull(consultation["sceneId"]);
        Assert.NotNull(consultation["whistleId"]);
        Assert.NotNull(consultation["reformItemId"]);
    }

    [Fact]
    public async Task A_community_worker_elsewhere_sees_no_consultation_and_no_whistle()
    {
        var token = host.Token("community_worker", "330782001001");
        var data = await OkAsync("{ consultations { id } whistles { id } }", token);
        Assert.Empty(data["consultations"]!.AsArray());
        Assert.Empty(data["whistles"]!.AsArray());
    }

    [Fact]
    public async Task The_scenes_carry_the_verdicts_the_calculator_draws_from_the_generated_needs()
    {
        var token = host.Token("city_admin");
        var scenes = (await OkAsync("{ scenes { id name verdict needsReplanning consultationId evaluatedAt } }", token))["scenes"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!);
        Assert.Equal(3, scenes.Count);
        var booking = scenes["江东社区卫生服务中心疫苗接种线上预约"];
        var patrol = scenes["鸡鸣山工地夜间联合巡查"];
        var sensors = scenes["鸡鸣山工地噪声在线监测（声音传感器）"];
        Assert.Equal(("EFFECTIVE", false), Verdict(booking));
        Assert.Equal(("NO_EFFECT", true), Verdict(patrol));
        Assert.Equal(("TOO_EARLY", false), Verdict(sensors));
        Assert.NotNull(sensors["consultationId"]);

        // Stored verdicts are the calculator's: measured again now, on the same needs, each scene gets the same one.
        foreach (var scene in scenes.Values)
        {
            var effect = (await OkAsync($$"""{ sceneEffect(id: "{{scene["id"]}}") { verdict sceneBefore sceneAfter ciHigh } }""", token))["sceneEffect"]!;
            Assert.Equal(scene["verdict"]!.GetValue<string>(), effect["verdict"]!.GetValue<string>());
            if (scene == booking)
            {
                Assert.True(effect["sceneAfter"]!.GetValue<double>() < effect["sceneBefore"]!.GetValue<double>() / 2, effect.ToJsonString());
                Assert.True(effect["ciHigh"]!.GetValue<double>() < 0, effect.ToJsonString());
            }
            if (scene == patrol)
            {
                Assert.True(effect["sceneAfter"]!.GetValue<double>() > effect["sceneBefore"]!.GetValue<double>(), effect.ToJsonString());
            }
        }
        var replan = (await OkAsync("{ scenes(needsReplanning: true) { name } }", host.Token("deputy", Jimingshan)))["scenes"]!.AsArray();
        Assert.Equal(["鸡鸣山工地夜间联合巡查"], replan.Select(s => s!["name"]!.GetValue<string>()));
    }

    private const string WhistlesQuery = """
        { whistles { title status rating blownAt resolvedAt needIds departments { department { code } acknowledgedAt }
            history { kind actor department { code } fromStatus toStatus at note } } }
        """;

    [Fact]
    public async Task The_environment_bureaus_clerk_sees_its_whistles_with_their_history_and_ratings()
    {
        var whistles = (await OkAsync(WhistlesQuery, host.Token("department_staff", department: "environment")))["whistles"]!.AsArray()
            .OrderBy(w => w!["blownAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(3, whistles.Count);
        Assert.All(whistles, w => Assert.Contains("environment", w!["departments"]!.AsArray().Select(d => d!["department"]!["code"]!.GetValue<string>())));
        Assert.All(whistles, w => Assert.NotEmpty(w!["needIds"]!.AsArray()));
        var (first, sensors, open) = (whistles[0]!, whistles[1]!, whistles[2]!);
        Assert.Equal(("CLOSED", 2), (first["status"]!.GetValue<string>(), first["rating"]!.GetValue<int>()));
        Assert.Equal(["blown", "acknowledged", "acknowledged", "progress", "resolved", "rated"], Kinds(first));
        Assert.Equal(("CLOSED", 4), (sensors["status"]!.GetValue<string>(), sensors["rating"]!.GetValue<int>()));
        Assert.Equal(["blown", "acknowledged", "progress", "progress", "resolved", "rated"], Kinds(sensors));
        Assert.Equal("department_staff:environment-zhao", sensors["history"]![1]!["actor"]!.GetValue<string>());
        Assert.Equal(("BLOWN", null), (open["status"]!.GetValue<string>(), open["rating"]?.GetValue<int>()));
        Assert.All(whistles.SelectMany(w => w!["history"]!.AsArray()), h => Assert.True(h!["at"]!.GetValue<DateTimeOffset>() < DemoStoryHost.DemoNow));

        var police = (await OkAsync("{ whistles { id } }", host.Token("department_staff", department: "police")))["whistles"]!.AsArray();
        Assert.Empty(police);
        var community = (await OkAsync("{ whistles { id } }", host.Token("community_worker", Jimingshan)))["whistles"]!.AsArray();
        Assert.Equal(3, community.Count);
    }

    [Fact]
    public async Task The_needs_a_whistle_carried_followed_it_in_their_history()
    {
        // A need follows its whistle only where the move is legal: one the generator already closed stays closed, a
        // resolved one is closed by the rating.
        var token = host.Token("street_officer", Jiangdong);
        var needIds = (await OkAsync("{ whistles { needIds } }", token))["whistles"]!.AsArray().SelectMany(w => w!["needIds"]!.AsArray())
            .Select(id => id!.GetValue<string>()).ToList();
        var moves = new List<JsonNode>();
        foreach (var id in needIds)
        {
            moves.AddRange((await OkAsync($$"""{ needHistory(id: "{{id}}") { kind toStatus at note } }""", token))["needHistory"]!.AsArray().Select(m => m!));
        }
        Assert.Contains(moves, m => m["toStatus"]!.GetValue<string>() == "CLOSED" && m["note"]!.GetValue<string>().Contains("2/5", StringComparison.Ordinal));
        Assert.All(moves, m => Assert.Equal("status", m["kind"]!.GetValue<string>()));
        Assert.All(moves, m => Assert.True(m["at"]!.GetValue<DateTimeOffset>() < DemoStoryHost.DemoNow));
    }

    [Fact]
    public async Task The_reform_list_and_the_seeds_one_thing_bundles_are_there()
    {
        var token = host.Token("deputy", Jimingshan);
        var data = await OkAsync("""
            { reformList { title needsRuleChange consultationId evidence evidenceNeedIds departments { code } }
              oneThings { name description serviceItemIds }
              serviceList { id name departments { code } } }
            """, token);
        var reforms = data["reformList"]!.AsArray();
        Assert.Equal(2, reforms.Count);
        var noise = reforms.Single(r => r!["consultationId"] is not null)!;
        Assert.Equal(["enforcement", "environment", "housing"], noise["departments"]!.AsArray().Select(d => d!["code"]!.GetValue<string>()).Order());
        Assert.NotEmpty(noise["evidenceNeedIds"]!.AsArray());
        Assert.All(reforms, r => Assert.True(r!["needsRuleChange"]!.GetValue<bool>()));

        var bundles = data["oneThings"]!.AsArray();
        Assert.Equal(["公租房一件事", "公示公告一件事", "交通事故轻微无人伤一件事", "困难群众救助一件事", "身后一件事"],
            bundles.Select(b => b!["name"]!.GetValue<string>()));
        var services = data["serviceList"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToHashSet();
        Assert.All(bundles, b =>
        {
            var ids = b!["serviceItemIds"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
            Assert.True(ids.Count >= 2);
            Assert.Subset(services, ids.ToHashSet());
        });
    }

    [Fact]
    public async Task The_story_stands_where_the_demo_clock_puts_it()
    {
        // Same seed and clock, same rows: every moment is counted in local days back from the demo's now.
        var data = await OkAsync("""
            { consultations { openedAt closedAt threads { body } }
              whistles { title status rating blownAt resolvedAt history { kind at actor note } } }
            """, host.Token("city_admin"));
        var consultation = data["consultations"]![0]!;
        Assert.Equal(new DateTimeOffset(2026, 10, 6, 11, 0, 0, TimeSpan.Zero), consultation["openedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero), consultation["closedAt"]!.GetValue<DateTimeOffset>());
        Snapshot.Match(data.ToJsonString(Infrastructure.NeedsMapHost.Json));
    }

    [Fact]
    public async Task Loading_again_and_restarting_add_nothing()
    {
        var before = await host.CountStoryRowsAsync();
        Assert.All(before.Where(t => t.Key != "need_history"), t => Assert.True(t.Value > 0, t.Key));
        var loader = host.Services.GetServices<IHostedService>().OfType<DemoStoryLoader>().Single();
        await loader.StartAsync(CancellationToken.None);
        Assert.Equal(before, await host.CountStoryRowsAsync());
        await using (var restarted = new RestartedDemoHost(host.ConnectionString))
        {
            await restarted.InitializeAsync();
            Assert.Equal(20_000, (await restarted.GraphQLAsync("{ needs(first: 1) { totalCount } }"))["data"]!["needs"]!["totalCount"]!.GetValue<int>());
        }
        Assert.Equal(before, await host.CountStoryRowsAsync());
    }

    private static (string, bool) Verdict(JsonNode scene) => (scene["verdict"]!.GetValue<string>(), scene["needsReplanning"]!.GetValue<bool>());

    private static List<string> Kinds(JsonNode whistle) => whistle["history"]!.AsArray().Select(h => h!["kind"]!.GetValue<string>()).ToList();

    private async Task<JsonObject> OkAsync(string query, string token, object? variables = null)
    {
        var (status, body, _) = await host.PostAsync(query, variables, token);
        Assert.True(status == 200 && body?["errors"] is null, $"{status}: {body?.ToJsonString()}");
        return body!["data"]!.AsObject();
    }
}
