using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Graph.Transport.Sharing;
using NeedsMap.Graph.Transport.Tests.Caching;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Tests.TestSchema;

namespace NeedsMap.Graph.Transport.Tests.Sharing;

/// <summary>
/// The documented choice for a member of a shared run that stops reading: its own queue grows to MaxQueuedMessagesPerSocket,
/// then it is closed with 1008; the run and every other member go on at their own pace meanwhile.
/// </summary>
public sealed class SlowMemberTests
{
    [Fact]
    public async Task A_member_that_stops_reading_is_closed_with_1008_and_never_delays_the_member_beside_it()
    {
        await using var server = await TransportTestServer.StartAsync(o => o.MaxQueuedMessagesPerSocket = 50,
            s => s.AddSingleton<ICallerPartition, WhoPartition>());
        var broadcast = server.Services.GetRequiredService<TestBroadcast>();
        var sharing = server.Services.GetRequiredService<SharedSubscriptions>();
        await using var reader = await WsTestClient.ConnectAndInitAsync(server.WebSocketUrl, new { who = "ana" });
        await using var stalled = await WsTestClient.ConnectAndInitAsync(server.WebSocketUrl, new { who = "ana" });
        const string query = "subscription { broadcast(topic: \"big\") { text } }";
        await reader.SubscribeAsync("r", query);
        await stalled.SubscribeAsync("s", query);
        // Joined, and the run subscribed to the (hot) topic, so no event is published before anyone listens.
        await Eventually.TrueAsync(() => sharing.Members == 2 && sharing.Runs == 1 && broadcast.ObserversOf("big") == 1, "both joined one running stream");

        // 200 events of 64 KiB: 12.5 MiB, far more than the stalled client's socket buffers and its queue of 50 hold;
        // paced (one per 5 ms) so that a client that reads keeps up.
        const int events = 200;
        var text = new string('x', 64 * 1024);
        var reading = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < events; i++)
            {
                var next = await reader.ReceiveOfTypeAsync("next");
                Assert.Equal("r", next["id"]?.GetValue<string>());
                Assert.Equal($"{i}:", next["payload"]?["data"]?["broadcast"]?["text"]?.GetValue<string>()?[..($"{i}:".Length)]);
            }
            return clock.Elapsed;
        });
        for (var i = 0; i < events; i++)
        {
            broadcast.Publish("big", $"{i}:{text}");
            await Task.Delay(5);
        }

        var took = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(took < TimeSpan.FromSeconds(15), $"the reading member took {took} for {events} events");
        await Eventually.TrueAsync(() => sharing.Members == 1, "the stalled member was dropped from the run", TimeSpan.FromSeconds(10));

        // Now it reads: what was sent before its queue overflowed, then the end. A client this far behind cannot read the
        // 1008 close frame queued behind its backlog in time, so the server aborts it after the close handshake's wait.
        var nexts = 0;
        try
        {
            while (await stalled.ReceiveAsync(TimeSpan.FromSeconds(15)) is { } message)
            {
                Assert.Equal("next", message["type"]?.GetValue<string>());
                nexts++;
            }
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, stalled.CloseStatus);
        }
        catch (WebSocketException)
        {
        }
        Assert.InRange(nexts, 0, events - 1);
    }
}
