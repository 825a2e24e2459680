using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NeedsMap.Graph.Transport.WebSockets;

namespace NeedsMap.Graph.Transport.Tests.WebSockets;

/// <summary>
/// Many threads queue on one socket at once (a shared event fanned out while the keep-alive wheel pings and the read loop
/// answers): one send at a time, every message exactly once, each thread's messages in its order, whether sends complete
/// at once or later.
/// </summary>
public sealed class WebSocketWriterSenderTests
{
    [Fact]
    public async Task Eight_threads_queuing_at_once_get_one_send_at_a_time_every_message_once_and_each_thread_in_order()
    {
        var socket = new JitterWebSocket();
        var writer = new WebSocketWriter(socket, maxBacklog: 1_000_000, NullLogger.Instance, CancellationToken.None);
        const int Threads = 8, PerThread = 2_000;
        using var start = new Barrier(Threads);

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                Assert.True(t % 2 == 0 ? writer.Send($"{t}:{i}") : writer.SendSpliced(Encoding.UTF8.GetBytes($"{t}:{i}"), []));
            }
        })));
        writer.Complete();
        await writer.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, socket.MostAtOnce);
        var sent = socket.Sent.ToList();
        Assert.Equal(Threads * PerThread, sent.Count);
        foreach (var thread in sent.Select(m => m.TrimEnd('}').Split(':')).GroupBy(p => p[0]))
        {
            Assert.Equal(Enumerable.Range(0, PerThread), thread.Select(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
        }
        Assert.True(socket.Synchronous > 0 && socket.Asynchronous > 0, "both kinds of send were exercised");
    }

    [Fact]
    public async Task An_aborted_socket_completes_the_writer_with_frames_still_queued()
    {
        using var aborted = new CancellationTokenSource();
        var stalled = new StalledWebSocket();
        var writer = new WebSocketWriter(stalled, maxBacklog: 100, NullLogger.Instance, aborted.Token);
        writer.Send("waits");
        writer.Send("never");

        await aborted.CancelAsync();

        await writer.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(stalled.Sent);
    }

    /// <summary>Completes every other send at once and the others after a yield; counts sends under way at the same time.</summary>
    private sealed class JitterWebSocket : WebSocket
    {
        private int _calls;
        private int _underWay;
        private int _mostAtOnce;

        public ConcurrentQueue<string> Sent { get; } = new();

        public int MostAtOnce => _mostAtOnce;

        private int _synchronous;
        private int _asynchronous;

        public int Synchronous => _synchronous;

        public int Asynchronous => _asynchronous;

        public override WebSocketCloseStatus? CloseStatus => null;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => WebSocketState.Open;

        public override string? SubProtocol => "graphql-transport-ws";

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _underWay);
            InterlockedMax(ref _mostAtOnce, now);
            var text = Encoding.UTF8.GetString(buffer);
            if (Interlocked.Increment(ref _calls) % 2 == 0)
            {
                Interlocked.Increment(ref _synchronous);
                Sent.Enqueue(text);
                Interlocked.Decrement(ref _underWay);
                return Task.CompletedTask;
            }
            Interlocked.Increment(ref _asynchronous);
            return Later();

            async Task Later()
            {
                await Task.Yield();
                Sent.Enqueue(text);
                Interlocked.Decrement(ref _underWay);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override void Abort()
        {
        }

        public override void Dispose()
        {
        }
    }
}
