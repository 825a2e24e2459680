namespace NeedsMap.Api.Channels.Quarantine;

public enum QuarantineState
{
    Quarantined,
    Replayed,
}

/// <summary>
/// A record that could not be parsed, placed or stored, kept with its raw payload (encrypted: it may hold personal
/// data) and the reason, until a replay after a fix stores it.
/// </summary>
public sealed class QuarantinedRecord
{
    public long Id { get; init; }
    public required string ChannelCode { get; init; }
    public string? ExternalId { get; init; }
    public required string ReasonCode { get; set; }
    public required string Message { get; set; }
    /// <summary>The payload fragment as received, or the parsed record as JSON when it failed after parsing.</summary>
    public required byte[] RawEncrypted { get; init; }
    public required string ContentType { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public QuarantineState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ReplayedAt { get; set; }
    public long? NeedId { get; set; }
}
