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
    /// <summary>
    /// What identifies the record across deliveries: its external id, or the SHA-256 of its raw text when it has none.
    /// While quarantined, a redelivery of it updates this entry (<see cref="Deliveries"/>) instead of adding another.
    /// </summary>
    public required string Fingerprint { get; init; }
    /// <summary>How many times the record was delivered while in quarantine.</summary>
    public int Deliveries { get; set; } = 1;
    /// <summary>When it was last delivered; <see cref="ReceivedAt"/> is the first time.</summary>
    public DateTimeOffset? LastReceivedAt { get; set; }
    public QuarantineState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ReplayedAt { get; set; }
    public long? NeedId { get; set; }
}
