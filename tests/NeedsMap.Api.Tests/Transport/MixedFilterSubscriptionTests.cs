using System.Text.Json.Nodes;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Graph.Transport.Sharing;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Transport;

/// <summary>
/// The subscribers bench/NeedsMap.Bench.Subscribers mixes, on a small scale and through real tokens: by community, by
/// community and category (a parent takes its children), by a drawn polygon (the token confining it to the caller's area),
/// each receiving exactly the needs a <c>needs</c> query with the same filter and scope returns, each once.
/// </summary>
public sealed class MixedFilterSubscriptionTests(SecuredKestrelHost host) : IClassFixture<SecuredKestrelHost>, IAsyncLifetime
{
    private const string Selection = "{ kind need { text } }";

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record Watcher(string Name, string Token, string Query, JsonObject Variables, JsonObject Where);

    [Fact]
    public async Task Subscribers_with_differing_filters_each_receive_exactly_what_a_needs_query_with_their_filter_returns()
    {
        var jms = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var other = TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity);
        var near = Square(jms, 150);
        var watchers = new List<Watcher>
        {
            Community("jms-community", TestNeeds.Jimingshan),
            Category("jms-noise", TestNeeds.Jimingshan, "noise"),
            Category("jms-parking", TestNeeds.Jimingshan, "traffic.parking"),
            Category("other-traffic", TestNeeds.ChouchengFirstCommunity, "traffic"),
            Drawn("jms-drawn", host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "jms-drawn"), near, TestNeeds.Jimingshan),
            // Drawn over another community: the worker's scope leaves nothing of it.
            Drawn("jms-drawn-elsewhere", host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "jms-elsewhere"), Square(other, 300), TestNeeds.Jimingshan),
            Drawn("street-drawn", host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, subject: "street"), near, TestNeeds.Jiangdong),
        };
        var sockets = new List<WsClient>();
        try
        {
            foreach (var w in watchers)
            {
                sockets.Add(await SubscribeAsync(w));
            }
            var sharing = host.Service<SharedSubscriptions>();
            var hub = host.Service<NeedChangeHub>();
            await Eventually.TrueAsync(() => sharing.Members == watchers.Count && hub.SubscriberCount == watchers.Count, "The subscriptions never all started.", TimeSpan.FromSeconds(30));

            // Needs inside the polygon, in the community outside it, and in another community, of three categories.
            var places = new[] { jms, TestNeeds.Offset(jms, 60, -40), TestNeeds.Offset(jms, 0, 400), TestNeeds.Offset(jms, -350, 0), other };
            var categories = new[] { "noise.construction", "traffic.parking", "environment.garbage" };
            var n = 0;
            foreach (var place in places)
            {
                foreach (var category in categories)
                {
                    await TestNeeds.AddAsync(host, $"mix-{n++} {category}", category, place);
                }
            }

            var admin = host.Token(RoleRights.CityAdmin, subject: "verifier");
            for (var i = 0; i < watchers.Count; i++)
            {
                var expected = await ExpectedAsync(watchers[i].Where, admin);
                var received = await ReceiveAsync(sockets[i], expected.Count);
                Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(received.Order(StringComparer.Ordinal)),
                    $"{watchers[i].Name}: expected [{string.Join(", ", expected.Order(StringComparer.Ordinal))}], received [{string.Join(", ", received.Order(StringComparer.Ordinal))}]");
                // Not vacuous: each filter picks some needs and leaves others, except the one drawn outside the caller's area.
                if (watchers[i].Name == "jms-drawn-elsewhere")
                {
                    Assert.Empty(expected);
                }
                else
                {
                    Assert.InRange(expected.Count, 1, n - 1);
                }
            }
            // The server timed each need from its storing to its publishing to the hub (Needs/Events/NeedChangeMetrics).
            Assert.True(await PublishedCountAsync(n) >= n, "needsmap_subscriptions_publish_lag_seconds counts every published need");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private Watcher Community(string name, string code) =>
        new(name, host.Token(RoleRights.CommunityWorker, code, subject: name),
            $"subscription($c: String!) {{ needChanged(where: {{ jurisdictionIn: [$c] }}) {Selection} }}",
            new JsonObject { ["c"] = code }, new JsonObject { ["jurisdictionIn"] = new JsonArray(code) });

    private Watcher Category(string name, string code, string category) =>
        new(name, host.Token(RoleRights.CommunityWorker, code, subject: name),
            $"subscription($c: String!, $k: String!) {{ needChanged(where: {{ jurisdictionIn: [$c], categoryIn: [$k] }}) {Selection} }}",
            new JsonObject { ["c"] = code, ["k"] = category },
            new JsonObject { ["jurisdictionIn"] = new JsonArray(code), ["categoryIn"] = new JsonArray(category) });

    private static Watcher Drawn(string name, string token, JsonObject polygon, string scope) =>
        new(name, token, $"subscription($p: Geometry!) {{ needChanged(where: {{ within: $p }}) {Selection} }}",
            new JsonObject { ["p"] = polygon.DeepClone() }, new JsonObject { ["within"] = polygon.DeepClone(), ["jurisdictionIn"] = new JsonArray(scope) });

    private static JsonObject Square(GeoPoint centre, double half)
    {
        var (sw, ne) = (TestNeeds.Offset(centre, -half, -half), TestNeeds.Offset(centre, half, half));
        var ring = new JsonArray(
            new JsonArray(sw.Longitude, sw.Latitude), new JsonArray(ne.Longitude, sw.Latitude), new JsonArray(ne.Longitude, ne.Latitude),
            new JsonArray(sw.Longitude, ne.Latitude), new JsonArray(sw.Longitude, sw.Latitude));
        return new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) };
    }

    private async Task<WsClient> SubscribeAsync(Watcher w)
    {
        var client = await WsClient.ConnectAsync(host.WebSocketUrl, new { authorization = "Bearer " + w.Token });
        Assert.Equal("connection_ack", (await client.ReceiveAsync(TimeSpan.FromSeconds(10)))?["type"]?.GetValue<string>());
        await client.SendAsync(new { id = "1", type = "subscribe", payload = new { query = w.Query, variables = w.Variables } });
        return client;
    }

    /// <summary>The texts of the needs a needs query with this filter returns (the scope made explicit in the filter).</summary>
    private async Task<List<string>> ExpectedAsync(JsonObject where, string token)
    {
        var (status, body, _) = await host.PostAsync("query($w: NeedFilter!) { needs(first: 100, where: $w) { edges { node { text } } } }",
            new JsonObject { ["w"] = new JsonObject { ["and"] = new JsonArray(where.DeepClone(), new JsonObject { ["textContains"] = "mix-" }) } }, token);
        Assert.True(status == 200, body?.ToJsonString());
        return body!["data"]!["needs"]!["edges"]!.AsArray().Select(e => e!["node"]!["text"]!.GetValue<string>()).ToList();
    }

    /// <summary>Every needChanged event until <paramref name="expected"/> have come, then half a second more for any extra.</summary>
    private static async Task<List<string>> ReceiveAsync(WsClient socket, int expected)
    {
        var texts = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var wait = texts.Count >= expected ? TimeSpan.FromMilliseconds(500) : deadline - DateTime.UtcNow;
            if (await socket.ReceiveAsync(wait) is not { } message)
            {
                break;
            }
            Assert.Equal("next", message["type"]?.GetValue<string>());
            texts.Add(message["payload"]!["data"]!["needChanged"]!["need"]!["text"]!.GetValue<string>());
        }
        return texts;
    }

    private async Task<double> PublishedCountAsync(int atLeast)
    {
        using var client = host.CreateClient();
        var count = 0.0;
        // The scrape is cached for a moment.
        for (var attempt = 0; attempt < 50 && count < atLeast; attempt++)
        {
            var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            count = text.Split('\n').Where(l => l.StartsWith("needsmap_subscriptions_publish_lag_seconds_count", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
            if (count < atLeast)
            {
                await Task.Delay(200);
            }
        }
        return count;
    }
}
