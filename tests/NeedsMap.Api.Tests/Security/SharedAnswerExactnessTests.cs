using System.Text.Json.Nodes;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Sharing;
using NeedsMap.Graph.Transport.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Security;

/// <summary>
/// A shared run's answer (executed and serialised once, spliced behind each socket's own id) reaches exactly the sockets whose
/// document, variables and scope are the same, through real tokens: a deputy of the same community (who may not see personal
/// data) and a worker asking another document each get an answer computed for them, never the workers' shared one.
/// </summary>
public sealed class SharedAnswerExactnessTests(SecuredKestrelHost host) : IClassFixture<SecuredKestrelHost>, IAsyncLifetime
{
    private const string TextAndCode = "subscription { needChanged { kind need { text jurisdiction { code } } } }";
    private const string CategoryOnly = "subscription { needChanged { need { category { code } } } }";
    private const string Said = "请联系13812345678，工地夜里施工太吵";

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_socket_gets_the_answer_of_its_own_document_and_scope_under_its_own_id_once()
    {
        var sharing = host.Service<SharedSubscriptions>();
        var hub = host.Service<NeedsMap.Api.Needs.Events.NeedChangeHub>();
        var worker = host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "lin");
        await using var lin1 = await SubscribeAsync(worker, "a", TextAndCode);
        await using var lin2 = await SubscribeAsync(worker, "b \"quoted\"", TextAndCode);
        await using var wu = await SubscribeAsync(host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "wu"), "a", TextAndCode);
        await using var wuOther = await SubscribeAsync(host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "wu"), "c", CategoryOnly);
        await using var deputy = await SubscribeAsync(host.Token(RoleRights.Deputy, TestNeeds.Jimingshan, subject: "deputy"), "a", TextAndCode);
        await using var elsewhere = await SubscribeAsync(host.Token(RoleRights.CommunityWorker, TestNeeds.ChouchengFirstCommunity, subject: "zhao"), "a", TextAndCode);
        // Workers' text document: one run of three members; the category document, the deputy and the other community: a run each.
        await Eventually.TrueAsync(() => sharing.Members == 6 && sharing.Runs == 4 && hub.SubscriberCount == 4, "The subscriptions never all started.", TimeSpan.FromSeconds(30));

        await TestNeeds.AddAsync(host, Said, "noise.construction", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));

        foreach (var (client, id) in new[] { (lin1, "a"), (lin2, "b \"quoted\""), (wu, "a") })
        {
            var need = Need(await NextAsync(client), id);
            Assert.Equal(Said, need["text"]?.GetValue<string>());
            Assert.Equal(TestNeeds.Jimingshan, need["jurisdiction"]?["code"]?.GetValue<string>());
        }
        var category = Need(await NextAsync(wuOther), "c");
        Assert.Equal("noise.construction", category["category"]?["code"]?.GetValue<string>());
        Assert.Null(category["text"]);
        var masked = Need(await NextAsync(deputy), "a")["text"]?.GetValue<string>();
        Assert.NotNull(masked);
        Assert.DoesNotContain("13812345678", masked, StringComparison.Ordinal);
        Assert.Contains("工地夜里施工太吵", masked, StringComparison.Ordinal);

        // Nothing more: no second copy for anyone, nothing for the other community.
        foreach (var client in new[] { lin1, lin2, wu, wuOther, deputy, elsewhere })
        {
            Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
        }
    }

    private static JsonNode Need(JsonObject next, string id)
    {
        Assert.Equal("next", next["type"]?.GetValue<string>());
        Assert.Equal(id, next["id"]?.GetValue<string>());
        return next["payload"]?["data"]?["needChanged"]?["need"] ?? throw new InvalidOperationException(next.ToJsonString());
    }

    private static async Task<JsonObject> NextAsync(WsClient client) =>
        await client.ReceiveAsync(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException("No event came.");

    private Task<WsClient> SubscribeAsync(string token, string id, string query) => WsClient.SubscribedAsync(host.WebSocketUrl, token, id, query);
}
