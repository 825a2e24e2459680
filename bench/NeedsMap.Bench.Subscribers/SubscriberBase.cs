using System.Text;
using System.Text.Json;

namespace NeedsMap.Bench.Subscribers;

/// <summary>
/// What a subscriber keeps, whichever socket client reads for it: the external id of every need it is told about, the moment
/// it was read off the socket (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>, the machine's monotonic clock, so
/// comparable across the bench's processes), and how long after the need was stored (its updatedAt, stamped by the server
/// inside the storing transaction; client and server share this machine's clock).
/// </summary>
internal abstract class SubscriberBase(int index)
{
    private readonly Lock _gate = new();
    private string? _failure;

    public int Index { get; } = index;
    public List<(string ExternalId, long At, double SinceStoredMs)> Received { get; } = [];
    public string? Failure => _failure;

    public abstract Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    public abstract Task CloseAsync();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return Received.Count;
            }
        }
    }

    /// <summary>Whether any need whose external id starts with <paramref name="prefix"/> has arrived.</summary>
    public bool HasReceivedAny(string prefix)
    {
        lock (_gate)
        {
            return Received.Exists(r => r.ExternalId.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    protected void Fail(string reason) => Interlocked.CompareExchange(ref _failure, reason, null);

    /// <summary>
    /// Takes one whole graphql-transport-ws message read at <paramref name="at"/> (and <paramref name="now"/> on the wall
    /// clock); answers whether the server asked for a pong.
    /// </summary>
    protected bool Take(ReadOnlySpan<byte> message, long at, DateTimeOffset now)
    {
        var (type, externalId, stored) = Scan(message);
        if (type == "next" && externalId is not null && stored is { } storedAt)
        {
            lock (_gate)
            {
                Received.Add((externalId, at, (now - storedAt).TotalMilliseconds));
            }
            return false;
        }
        if (type == "ping")
        {
            return true;
        }
        if (type is "error" or "complete" or "next")
        {
            Fail($"{type}: {Encoding.UTF8.GetString(message)}");
        }
        return false;
    }

    /// <summary>
    /// The message's type and, in a needChanged event, the need's externalId and updatedAt: a forward-only scan, since the
    /// client shares the server's two cores and needs three values, not a document or a string per message.
    /// </summary>
    private static (string? Type, string? ExternalId, DateTimeOffset? UpdatedAt) Scan(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        string? type = null, externalId = null;
        DateTimeOffset? updatedAt = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            if (reader.ValueTextEquals("type"u8) && reader.CurrentDepth == 1)
            {
                reader.Read();
                type = reader.GetString();
            }
            else if (reader.ValueTextEquals("externalId"u8))
            {
                reader.Read();
                externalId = reader.GetString();
            }
            else if (reader.ValueTextEquals("updatedAt"u8))
            {
                reader.Read();
                updatedAt = reader.GetDateTimeOffset();
            }
        }
        return (type, externalId, updatedAt);
    }
}
