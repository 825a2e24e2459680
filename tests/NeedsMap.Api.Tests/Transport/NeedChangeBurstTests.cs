using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Data;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Graph.Transport.Sharing;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Transport;

/// <summary>
/// A burst: 5,000 changes committed in one transaction reach the listener as 5,000 NOTIFYs at once, heard on the listener's
/// own thread and loaded and fanned out in batches on its publishing thread (Needs/Events/NeedChangeListener). Every matching
/// socket must still get each change exactly once, and a need's creation before its revision.
/// </summary>
public sealed class NeedChangeBurstTests(SecuredKestrelHost host) : IClassFixture<SecuredKestrelHost>, IAsyncLifetime
{
    private const int Communities = 10;
    private const int PerCommunity = 500;
    private const string Selection = "{ kind need { externalId } }";

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record Watcher(string Name, string PathPrefix, string? CategoryPrefix, WsClient Socket);

    [Fact]
    public async Task Five_thousand_changes_in_one_transaction_reach_every_matching_socket_exactly_once_and_in_order()
    {
        var communities = host.Service<ReferenceData>().Current.Jurisdictions
            .Where(j => j.Level == JurisdictionLevel.Community).OrderBy(j => j.Code, StringComparer.Ordinal).Take(Communities).ToList();
        Assert.Equal(Communities, communities.Count);
        var watchers = new List<Watcher>();
        try
        {
            // Two identical subscriptions per community for half of them (one shared run, two members), a category in one more.
            for (var c = 0; c < 5; c++)
            {
                for (var twin = 0; twin < 2; twin++)
                {
                    watchers.Add(await WatchAsync($"c{c}-{twin}", communities[c], null));
                }
            }
            watchers.Add(await WatchAsync("c5-noise", communities[5], "noise"));
            var sharing = host.Service<SharedSubscriptions>();
            await Eventually.TrueAsync(() => sharing.Members == watchers.Count && host.Service<NeedChangeHub>().SubscriberCount == 6,
                "The subscriptions never all started.", TimeSpan.FromSeconds(30));

            var records = communities.SelectMany((j, c) => Enumerable.Range(0, PerCommunity).Select(i =>
                Record(c * PerCommunity + i, 1, new GeoPoint(j.InteriorLongitude, j.InteriorLatitude), i))).ToList();
            var created = await host.Service<BatchIngestion>().IngestAsync(records, null, CancellationToken.None, awaitRollups: false);
            Assert.Equal(Communities * PerCommunity, created.Accepted.Count(a => a.Outcome == IngestOutcome.Created));
            // The same needs revised, again all in one transaction: each matching socket hears each need twice, created first.
            var revised = await host.Service<BatchIngestion>().IngestAsync(records.Select(r => r with { Version = 2 }).ToList(), null,
                CancellationToken.None, awaitRollups: false);
            Assert.Equal(Communities * PerCommunity, revised.Accepted.Count(a => a.Outcome == IngestOutcome.Revised));

            var stored = await StoredAsync();
            foreach (var w in watchers)
            {
                var expected = stored.Where(s => s.Path.StartsWith(w.PathPrefix, StringComparison.Ordinal)
                    && (w.CategoryPrefix is null || s.Category.StartsWith(w.CategoryPrefix + ".", StringComparison.Ordinal)))
                    .Select(s => s.ExternalId).ToHashSet();
                Assert.InRange(expected.Count, 1, PerCommunity);
                var events = await ReceiveAsync(w.Socket, 2 * expected.Count);
                Assert.Equal(2 * expected.Count, events.Count);
                foreach (var need in events.GroupBy(e => e.ExternalId))
                {
                    Assert.Contains(need.Key, expected);
                    Assert.Equal(["CREATED", "UPDATED"], need.Select(e => e.Kind));
                }
                Assert.Equal(expected.Count, events.Select(e => e.ExternalId).Distinct().Count());
            }
        }
        finally
        {
            foreach (var w in watchers)
            {
                await w.Socket.DisposeAsync();
            }
        }
    }

    private async Task<Watcher> WatchAsync(string name, JurisdictionInfo community, string? category)
    {
        var token = host.Token(RoleRights.CommunityWorker, community.Code, subject: name);
        var where = category is null ? $"{{ jurisdictionIn: [\"{community.Code}\"] }}" : $"{{ jurisdictionIn: [\"{community.Code}\"], categoryIn: [\"{category}\"] }}";
        var socket = await WsClient.SubscribedAsync(host.WebSocketUrl, token, "1", $"subscription {{ needChanged(where: {where}) {Selection} }}");
        return new Watcher(name, community.Path, category, socket);
    }

    private static IncomingNeed Record(int n, long version, GeoPoint at, int i) =>
        new("12345", $"burst-{n}", version, TestNeeds.BaseTime.AddMinutes(n), $"burst {n}",
            // A few metres around the community's interior point; where each lands is read back, not assumed.
            TestNeeds.Offset(at, (i % 7) - 3, (i % 5) - 2), CoordinateSystem.Wgs84, null,
            i % 2 == 0 ? "noise.construction" : "traffic.parking", "test");

    private async Task<List<(string ExternalId, string Path, string Category)>> StoredAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        var rows = await db.Needs.AsNoTracking().Where(n => n.ExternalId.StartsWith("burst-"))
            .Select(n => new { n.ExternalId, n.JurisdictionPath, n.CategoryCode }).ToListAsync();
        Assert.Equal(Communities * PerCommunity, rows.Count);
        return rows.Select(r => (r.ExternalId, r.JurisdictionPath, r.CategoryCode)).ToList();
    }

    /// <summary>needChanged events until <paramref name="expected"/> have come, then a second more for any extra or duplicate.</summary>
    private static async Task<List<(string ExternalId, string Kind)>> ReceiveAsync(WsClient socket, int expected)
    {
        var events = new List<(string, string)>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var wait = events.Count >= expected ? TimeSpan.FromSeconds(1) : deadline - DateTime.UtcNow;
            if (await socket.ReceiveAsync(wait) is not { } message)
            {
                break;
            }
            Assert.Equal("next", message["type"]?.GetValue<string>());
            var change = message["payload"]!["data"]!["needChanged"]!;
            events.Add((change["need"]!["externalId"]!.GetValue<string>(), change["kind"]!.GetValue<string>()));
        }
        return events;
    }
}
