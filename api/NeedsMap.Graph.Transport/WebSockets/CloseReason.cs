using System.Text;

namespace NeedsMap.Graph.Transport.WebSockets;

internal static class CloseReason
{
    /// <summary>RFC 6455 allows 123 bytes of UTF-8 in a close reason; a longer one makes the close itself throw.</summary>
    private const int MaxBytes = 123;

    public static string Fit(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxBytes)
            return reason;
        var length = reason.Length;
        while (length > 0 && Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > MaxBytes - 3)
            length--;
        if (length > 0 && char.IsHighSurrogate(reason[length - 1]))
            length--;
        return string.Concat(reason.AsSpan(0, length), "...");
    }
}
