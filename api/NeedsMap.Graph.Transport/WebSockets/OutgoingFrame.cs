namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>
/// One thing for the writer to put on the socket: a text message, a text message made of a per-socket head and a body
/// shared by many sockets (UTF-8), or the close frame that ends output. <see cref="Queued"/> is when a spliced event was queued
/// (<see cref="System.Diagnostics.Stopwatch"/>'s clock), for the send lag.
/// </summary>
internal readonly record struct OutgoingFrame(string? Text, byte[]? Head, byte[]? Body, int CloseCode, string? CloseReason, long Queued = 0)
{
    public bool IsClose => Text == null && Head == null;

    public static OutgoingFrame Message(string text) => new(text, null, null, 0, null);

    /// <summary>The message <paramref name="head"/> + <paramref name="body"/> + <c>}</c>: a JSON object whose last member is the body.</summary>
    public static OutgoingFrame Spliced(byte[] head, byte[] body) => new(null, head, body, 0, null, System.Diagnostics.Stopwatch.GetTimestamp());

    public static OutgoingFrame Close(int code, string reason) => new(null, null, null, code, reason);
}
