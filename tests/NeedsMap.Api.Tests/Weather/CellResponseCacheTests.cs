using System.Text.Json.Nodes;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Graph.Transport.Caching;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>The whole-city cells answer is kept as a serialised response per caller scope and dropped when a need arrives.</summary>
public sealed class CellResponseCacheTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    private const string Query = """{ cells(resolution: R500, window: { lastDay: "2026-06-30", days: 30 }) { id jurisdictionCode count } }""";
    private static readonly DateTimeOffset InWindow = new(2026, 6, 20, 4, 0, 0, TimeSpan.Zero);

    private GraphQLResponseCache Cache => host.Service<GraphQLResponseCache>();

    public async Task InitializeAsync()
    {
        await WeatherTestData.ResetAsync(host);
        for (var i = 0; i < 3; i++)
        {
            await TestNeeds.AddAsync(host, "施工噪音", "noise.construction", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan), receivedAt: InWindow);
        }
        for (var i = 0; i < 2; i++)
        {
            await TestNeeds.AddAsync(host, "停车难", "noise.construction", TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity), receivedAt: InWindow);
        }
        await WeatherTestData.WaitUntilSettledAsync(host);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Status, JsonObject Body)> CellsAsync(string? token)
    {
        var (status, body, response) = await host.PostAsync(Query, token: token);
        response.Dispose();
        return (status, body ?? throw new InvalidOperationException($"No JSON body ({status})."));
    }

    private static Dictionary<string, int> CountsByCommunity(JsonObject body)
    {
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body["data"]!["cells"]!.AsArray().GroupBy(c => c!["jurisdictionCode"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Sum(c => c!["count"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_street_officer_and_a_city_admin_with_the_same_document_get_their_own_answers()
    {
        var admin = host.Token(RoleRights.CityAdmin);
        var officer = host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, subject: "officer");
        var hits = Cache.Hits;

        var adminFirst = await CellsAsync(admin);
        var officerFirst = await CellsAsync(officer);
        var adminAgain = await CellsAsync(admin);
        var officerAgain = await CellsAsync(officer);

        Assert.Equal(new Dictionary<string, int> { [TestNeeds.Jimingshan] = 3, [TestNeeds.ChouchengFirstCommunity] = 2 }, CountsByCommunity(adminFirst.Body));
        Assert.Equal(new Dictionary<string, int> { [TestNeeds.Jimingshan] = 3 }, CountsByCommunity(officerFirst.Body));
        Assert.Equal(adminFirst.Body.ToJsonString(), adminAgain.Body.ToJsonString());
        Assert.Equal(officerFirst.Body.ToJsonString(), officerAgain.Body.ToJsonString());
        Assert.Equal(hits + 2, Cache.Hits);
    }

    [Fact]
    public async Task A_community_worker_never_gets_the_cached_city_answer_and_two_officers_of_one_street_share_theirs()
    {
        await CellsAsync(host.Token(RoleRights.CityAdmin));
        await CellsAsync(host.Token(RoleRights.CityAdmin, subject: "another-admin"));

        var worker = await CellsAsync(host.Token(RoleRights.CommunityWorker, TestNeeds.ChouchengFirstCommunity, subject: "worker"));
        Assert.Equal(new Dictionary<string, int> { [TestNeeds.ChouchengFirstCommunity] = 2 }, CountsByCommunity(worker.Body));

        var otherStreet = await CellsAsync(host.Token(RoleRights.StreetOfficer, TestNeeds.Choucheng, subject: "officer-1"));
        var hits = Cache.Hits;
        var sameStreet = await CellsAsync(host.Token(RoleRights.StreetOfficer, TestNeeds.Choucheng, subject: "officer-2"));
        Assert.Equal(new Dictionary<string, int> { [TestNeeds.ChouchengFirstCommunity] = 2 }, CountsByCommunity(sameStreet.Body));
        Assert.Equal(otherStreet.Body.ToJsonString(), sameStreet.Body.ToJsonString());
        Assert.Equal(hits + 1, Cache.Hits);
    }

    [Fact]
    public async Task Callers_who_may_not_see_the_city_answer_never_get_it_while_it_is_cached()
    {
        var admin = host.Token(RoleRights.CityAdmin);
        await CellsAsync(admin);
        var city = await CellsAsync(admin);
        Assert.NotEmpty(city.Body["data"]!["cells"]!.AsArray());

        // The public sees cells (issue #15) but none of these: each holds fewer than five needs.
        var anonymous = await CellsAsync(null);
        Assert.Equal(200, anonymous.Status);
        Assert.Empty(anonymous.Body["data"]!["cells"]!.AsArray());

        var integrator = await CellsAsync(host.Token(RoleRights.ChannelIntegrator, channel: "12345"));
        Assert.Equal((403, "FORBIDDEN"), (integrator.Status, integrator.Body["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>()));

        var resident = await CellsAsync(host.Token(RoleRights.Resident, subject: "resident"));
        // A resident sees the weather as the public does (AccessScope.Weather), from the public's cached answer.
        Assert.Equal(anonymous.Body.ToJsonString(), resident.Body.ToJsonString());
    }

    [Fact]
    public async Task A_new_need_invalidates_the_cached_response()
    {
        var admin = host.Token(RoleRights.CityAdmin);
        await CellsAsync(admin);
        var hits = Cache.Hits;
        var cached = await CellsAsync(admin);
        Assert.Equal(hits + 1, Cache.Hits);
        Assert.Equal(3, CountsByCommunity(cached.Body)[TestNeeds.Jimingshan]);

        await TestNeeds.AddAsync(host, "施工噪音", "noise.construction", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan), receivedAt: InWindow);

        // At once, not only when the notification arrives: the write invalidates this server's caches itself.
        var after = await CellsAsync(admin);
        Assert.Equal(4, CountsByCommunity(after.Body)[TestNeeds.Jimingshan]);
    }
}
