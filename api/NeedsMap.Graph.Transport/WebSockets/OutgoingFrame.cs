namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>One thing for the writer to put on the socket: a text message, or the close frame that ends output.</summary>
internal readonly record struct OutgoingFrame(string? Text, int CloseCode, string? CloseReason)
{
    public bool IsClose => Text == null;

    public static OutgoingFrame Message(string text) => new(text, 0, null);

    public static OutgoingFrame Close(int code, string reason) => new(null, code, reason);
}
