using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Sharing;
using NeedsMap.Graph.Transport.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Security;

/// <summary>
/// Who shares a run of needChanged: callers whose rights are the same (two workers of one community), never a caller whose
/// records are its own (residents), nor one of another community.
/// </summary>
public sealed class SharedSubscriptionScopeTests(SecuredKestrelHost host) : IClassFixture<SecuredKestrelHost>, IAsyncLifetime
{
    private const string Subscription = "subscription { needChanged { kind need { text jurisdiction { code } } } }";

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Workers_of_one_community_share_a_run_and_each_hears_the_community_s_needs()
    {
        var sharing = host.Service<SharedSubscriptions>();
        await using var lin = await SubscribeAsync(host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "lin"));
        await using var wu = await SubscribeAsync(host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "wu"));
        await using var other = await SubscribeAsync(host.Token(RoleRights.CommunityWorker, TestNeeds.ChouchengFirstCommunity, subject: "zhao"));
        await using var resident1 = await SubscribeAsync(host.Token(RoleRights.Resident, subject: "resident-1"));
        await using var resident2 = await SubscribeAsync(host.Token(RoleRights.Resident, subject: "resident-2"));
        var hub = host.Service<NeedsMap.Api.Needs.Events.NeedChangeHub>();
        // Joined, and each run's stream registered with the hub, so the need below reaches them all.
        await Eventually.TrueAsync(() => sharing.Members == 5 && hub.SubscriberCount == 4, "The subscriptions never all started.", TimeSpan.FromSeconds(30));

        Assert.Equal(4, sharing.Runs);
        await TestNeeds.AddAsync(host, "工地夜里施工太吵", "noise.construction", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));

        foreach (var worker in new[] { lin, wu })
        {
            var next = await worker.ReceiveAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("next", next?["type"]?.GetValue<string>());
            Assert.Equal("工地夜里施工太吵", next?["payload"]?["data"]?["needChanged"]?["need"]?["text"]?.GetValue<string>());
        }
        Assert.Null(await other.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Null(await resident1.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
    }

    private Task<WsClient> SubscribeAsync(string token) => WsClient.SubscribedAsync(host.WebSocketUrl, token, "1", Subscription);
}
