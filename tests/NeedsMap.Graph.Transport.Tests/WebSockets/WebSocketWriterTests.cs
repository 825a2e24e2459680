using System.Net.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;
using NeedsMap.Graph.Transport.WebSockets;

namespace NeedsMap.Graph.Transport.Tests.WebSockets;

public sealed class WebSocketWriterTests
{
    [Fact]
    public async Task A_client_that_stops_reading_is_closed_with_1008_once_the_backlog_is_full()
    {
        var socket = new StalledWebSocket();
        var writer = new WebSocketWriter(socket, maxBacklog: 3, NullLogger.Instance, CancellationToken.None);

        var accepted = Enumerable.Range(0, 10).Select(i => writer.Send($"message {i}")).ToList();
        socket.Release();

        Assert.Contains(false, accepted);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.ClosedWith.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await writer.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.InRange(socket.Sent.Count, 1, 4);
    }

    [Fact]
    public async Task Messages_go_out_in_order_and_the_close_frame_last()
    {
        var socket = new StalledWebSocket();
        var writer = new WebSocketWriter(socket, maxBacklog: 100, NullLogger.Instance, CancellationToken.None);

        for (var i = 0; i < 5; i++)
            writer.Send($"message {i}");
        writer.Close(4400, "bye");
        Assert.False(writer.Send("too late"));
        socket.Release();

        Assert.Equal((WebSocketCloseStatus)4400, await socket.ClosedWith.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"message {i}"), socket.Sent);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    public void A_close_reason_never_exceeds_123_utf8_bytes(int length)
    {
        var reason = CloseReason.Fit("Subscriber for " + new string('订', length) + " already exists");

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(reason), 1, 123);
    }
}
