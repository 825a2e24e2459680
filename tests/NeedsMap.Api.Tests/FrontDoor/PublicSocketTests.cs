using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NeedsMap.Api.Common.Events;
using NeedsMap.Api.KeyMatters.Events;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Api.Tests.Weather;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Grid;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>
/// A socket without a token is the public's: it may follow public aggregates (cellChanged at 500 m and up,
/// keyMattersChanged, warningRaised), never records, within limits of its own (sockets per address, subscribes per minute).
/// </summary>
public sealed class PublicSocketTests(FrontDoorHost host) : IClassFixture<FrontDoorHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await WeatherTestData.ResetAsync(host);
        // Sockets of an earlier test end with their requests: wait until none is counted.
        var sockets = host.Service<PublicSockets>();
        for (var i = 0; i < 100 && sockets.Open > 0; i++)
        {
            await Task.Delay(50);
        }
        Assert.Equal(0, sockets.Open);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<WsClient> PublicSocketAsync()
    {
        var ws = await WsClient.ConnectAsync(host.WebSocketUrl, null);
        var ack = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("connection_ack", ack?["type"]?.GetValue<string>());
        return ws;
    }

    private readonly List<JsonObject> _seen = [];

    /// <summary>The first message for <paramref name="id"/>, keeping every other message for later questions.</summary>
    private async Task<JsonObject?> MessageForAsync(WsClient ws, string id, TimeSpan timeout, string? type = null)
    {
        bool Match(JsonObject m) => m["id"]?.GetValue<string>() == id && (type is null || m["type"]?.GetValue<string>() == type);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_seen.FirstOrDefault(Match) is { } seen)
            {
                _seen.Remove(seen);
                return seen;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await ws.ReceiveAsync(left) is not { } message)
            {
                return null;
            }
            _seen.Add(message);
        }
    }

    private string Seen => string.Join('\n', _seen.Select(m => m.ToJsonString()));

    private static string? ErrorCode(JsonObject? message) =>
        (message?["payload"] as JsonArray ?? message?["payload"]?["errors"] as JsonArray)?[0]?["extensions"]?["code"]?.GetValue<string>();

    /// <summary>
    /// The public hears of a cell, and of a jurisdiction's key matters, when its map or ranking changes, never of a need the
    /// small-group rule hides: one need in a quiet spot is heard by a signed-in subscriber and not by the public; the fifth
    /// need there (k = 5) puts the cell on the public's map, and then the public hears of it.
    /// </summary>
    [Fact]
    public async Task The_public_follows_coarse_cells_and_is_refused_records_and_fine_cells()
    {
        await using var ws = await PublicSocketAsync();
        await using var admin = await WsClient.ConnectAsync(host.WebSocketUrl, new { token = host.Token(RoleRights.CityAdmin) });
        Assert.Equal("connection_ack", (await admin.ReceiveAsync(TimeSpan.FromSeconds(10)))?["type"]?.GetValue<string>());
        await ws.SendAsync(new { id = "cells", type = "subscribe", payload = new { query = "subscription { cellChanged(resolution: R500) { cellKey jurisdictionCode polygon } }" } });
        await ws.SendAsync(new { id = "fine", type = "subscribe", payload = new { query = "subscription { cellChanged(resolution: R100) { cellKey } }" } });
        await ws.SendAsync(new { id = "needs", type = "subscribe", payload = new { query = "subscription { needChanged { kind need { text } } }" } });
        await ws.SendAsync(new { id = "matters", type = "subscribe", payload = new { query = $$"""subscription { keyMattersChanged(jurisdictionCode: "{{TestNeeds.Jiangdong}}") { jurisdictionCode changedJurisdictionCodes } }""" } });
        await ws.SendAsync(new { id = "warnings", type = "subscribe", payload = new { query = "subscription { warningRaised { scope observed } }" } });
        await admin.SendAsync(new { id = "cells", type = "subscribe", payload = new { query = "subscription { cellChanged(resolution: R500) { cellKey } }" } });
        await admin.SendAsync(new { id = "matters", type = "subscribe", payload = new { query = $$"""subscription { keyMattersChanged(jurisdictionCode: "{{TestNeeds.Jiangdong}}") { jurisdictionCode } }""" } });
        Assert.True(ErrorCode(await MessageForAsync(ws, "fine", TimeSpan.FromSeconds(10))) == "RESOLUTION_TOO_FINE", Seen);
        Assert.True(ErrorCode(await MessageForAsync(ws, "needs", TimeSpan.FromSeconds(10))) == "AUTH_REQUIRED", Seen);
        // The public's feeds take their first reading (the baseline) when someone starts to listen; a change before it is not heard.
        var cellFeed = host.Service<PublicCellFeed>();
        var matterFeed = host.Service<PublicKeyMattersFeed>();
        for (var i = 0; i < 200 && !(cellFeed.HasBaseline(HexResolution.R500) && matterFeed.HasBaseline(TestNeeds.Jiangdong)); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(cellFeed.HasBaseline(HexResolution.R500) && matterFeed.HasBaseline(TestNeeds.Jiangdong));

        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var cellKey = host.Service<IHexGrid>().CellAt(at.Longitude, at.Latitude, HexResolution.R500).Id;
        await TestNeeds.AddAsync(host, "夜里施工，电话13900001111", "noise.construction", at, receivedAt: DateTimeOffset.UtcNow);
        // Counted: a signed-in subscriber hears of the cell and of the street's key matters.
        var heard = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(heard.Contains(cellKey) && heard.Contains(TestNeeds.Jiangdong)) && DateTime.UtcNow < deadline
            && await admin.ReceiveAsync(deadline - DateTime.UtcNow) is { } signedIn)
        {
            var data = signedIn["payload"]?["data"];
            heard.Add(data?["cellChanged"]?["cellKey"]?.GetValue<string>() ?? data?["keyMattersChanged"]?["jurisdictionCode"]?.GetValue<string>() ?? "");
        }
        Assert.Contains(cellKey, heard);
        Assert.Contains(TestNeeds.Jiangdong, heard);
        // The public's map and ranking did not change (one need, under k), so within several of the feeds' intervals after the
        // signed-in events the public hears nothing: not that a need arrived, nor where, nor when.
        Assert.Null(await MessageForAsync(ws, "cells", TimeSpan.FromSeconds(3)));
        Assert.True(!_seen.Any(m => m["type"]?.GetValue<string>() == "next"), Seen);

        for (var i = 2; i <= 5; i++)
        {
            await TestNeeds.AddAsync(host, $"夜里施工第{i}次", "noise.construction", at, receivedAt: DateTimeOffset.UtcNow);
        }
        var cell = await MessageForAsync(ws, "cells", TimeSpan.FromSeconds(20));
        Assert.True(cell?["type"]?.GetValue<string>() == "next", Seen);
        Assert.Equal(cellKey, cell!["payload"]!["data"]!["cellChanged"]!["cellKey"]!.GetValue<string>());
        var matters = await MessageForAsync(ws, "matters", TimeSpan.FromSeconds(20));
        Assert.Equal(TestNeeds.Jiangdong, matters?["payload"]?["data"]?["keyMattersChanged"]?["jurisdictionCode"]?.GetValue<string>());
        // Only the jurisdiction subscribed to: the public is not told which community the needs arrived in.
        Assert.Equal([TestNeeds.Jiangdong], matters!["payload"]!["data"]!["keyMattersChanged"]!["changedJurisdictionCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.DoesNotContain("13900001111", cell.ToJsonString(NeedsMapHost.Json), StringComparison.Ordinal);
    }

    /// <summary>
    /// Anyone may open public sockets and watch every jurisdiction, so a feed's readings are bounded by time: after readings
    /// that took t, the next start no sooner than PauseFactor × t later, however often changes come. And it hears the raw
    /// events only while someone watches, so the listeners' shortcut for nobody listening stays open.
    /// </summary>
    [Fact]
    public async Task A_public_feed_reads_at_most_a_fifth_of_the_time_however_often_changes_come()
    {
        var feed = new SlowFeed(host.Services);
        await feed.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(0, feed.Raw.SubscriberCount);
            using (feed.Following(1, new Hub<int>()).Subscribe(_ => { }))
            {
                Assert.Equal(1, feed.Raw.SubscriberCount);
                var until = DateTime.UtcNow.AddSeconds(5);
                while (DateTime.UtcNow < until)
                {
                    feed.Change();
                    await Task.Delay(20);
                }
            }
            Assert.Equal(0, feed.Raw.SubscriberCount);
        }
        finally
        {
            await feed.StopAsync(CancellationToken.None);
        }
        var starts = feed.Starts;
        Assert.True(starts.Count >= 3, $"{starts.Count} readings");
        var gaps = starts.Zip(starts.Skip(1), (a, b) => b - a).ToList();
        // Each reading takes 200 ms, so the next starts at least 4 × 200 ms after it ended: 1 s apart (changes came every 20 ms).
        Assert.True(gaps.All(g => g >= TimeSpan.FromMilliseconds(950)), string.Join(", ", gaps.Select(g => g.TotalMilliseconds)));
    }

    private sealed class SlowFeed(IServiceProvider services) : PublicViewFeed<int, int>(services.GetRequiredService<IServiceScopeFactory>(),
        services.GetRequiredService<ReferenceData>(), services.GetRequiredService<IConfiguration>(), NullLogger.Instance)
    {
        private readonly List<DateTime> _starts = [];

        public IReadOnlyList<DateTime> Starts
        {
            get
            {
                lock (_starts)
                {
                    return [.. _starts];
                }
            }
        }

        public void Change() => Changed([1]);

        protected override DateOnly Today => new(2026, 1, 1);

        public Hub<int> Raw { get; } = new();

        protected override IDisposable HearRawChanges() => Raw.Subscribe(_ => { });

        protected override async Task<IReadOnlyDictionary<string, int>> ReadAsync(IServiceProvider scoped, int key, CancellationToken cancellationToken)
        {
            int reading;
            lock (_starts)
            {
                _starts.Add(DateTime.UtcNow);
                reading = _starts.Count;
            }
            await Task.Delay(200, cancellationToken);
            // A different answer each time, so no reading asks for a second look.
            return new Dictionary<string, int> { ["item"] = reading };
        }

        protected override void Publish(int key, string item, int now, int before)
        {
        }
    }

    [Fact]
    public async Task Public_sockets_per_address_are_limited_and_a_signed_in_socket_is_not_counted()
    {
        var open = new List<WsClient>();
        try
        {
            for (var i = 0; i < FrontDoorHost.SocketsPerAddress; i++)
            {
                open.Add(await PublicSocketAsync());
            }
            await using (var extra = await WsClient.ConnectAsync(host.WebSocketUrl, null))
            {
                Assert.Null(await extra.ReceiveAsync(TimeSpan.FromSeconds(10)));
                Assert.Equal(4403, (int?)extra.CloseStatus);
            }
            await using (var signedIn = await WsClient.ConnectAsync(host.WebSocketUrl, new { token = host.Token(RoleRights.Deputy, TestNeeds.Jiangdong) }))
            {
                Assert.Equal("connection_ack", (await signedIn.ReceiveAsync(TimeSpan.FromSeconds(10)))?["type"]?.GetValue<string>());
            }
            // A closed socket gives its place back.
            await open[0].DisposeAsync();
            open.RemoveAt(0);
            var sockets = host.Service<PublicSockets>();
            for (var i = 0; i < 100 && sockets.Open >= FrontDoorHost.SocketsPerAddress; i++)
            {
                await Task.Delay(50);
            }
            open.Add(await PublicSocketAsync());
        }
        finally
        {
            foreach (var ws in open)
            {
                await ws.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_public_socket_that_subscribes_too_often_is_refused_with_RATE_LIMITED()
    {
        await using var ws = await PublicSocketAsync();
        for (var i = 0; i < FrontDoorHost.SubscribesPerMinute; i++)
        {
            await ws.SendAsync(new { id = $"s{i}", type = "subscribe", payload = new { query = "subscription { warningRaised { scope } }" } });
        }
        await ws.SendAsync(new { id = "over", type = "subscribe", payload = new { query = "subscription { warningRaised { scope } }" } });
        Assert.True(ErrorCode(await MessageForAsync(ws, "over", TimeSpan.FromSeconds(10))) == "RATE_LIMITED", Seen);
        // The budget is the socket's own: another public socket is answered.
        await using var other = await PublicSocketAsync();
        await other.SendAsync(new { id = "q", type = "subscribe", payload = new { query = "{ channels { code } }" } });
        Assert.Equal("next", (await MessageForAsync(other, "q", TimeSpan.FromSeconds(10)))?["type"]?.GetValue<string>());
    }
}
