using System.Text.Json.Serialization;

namespace NeedsMap.Api.Channels.Inbox;

/// <summary>What happened to one record of a delivery, so a sender can reconcile record by record.</summary>
public static class ReceiptOutcome
{
    /// <summary>A need the host did not have: stored, with its id.</summary>
    public const string Stored = "stored";
    /// <summary>A newer version of a need the host had: stored as a revision, kept in its history.</summary>
    public const string Revised = "revised";
    /// <summary>The same version as the host has, or an older one: nothing changed.</summary>
    public const string Unchanged = "unchanged";
    /// <summary>Could not be stored: kept in quarantine with the reason (a redelivery updates the same entry).</summary>
    public const string Quarantined = "quarantined";
}

/// <summary>
/// One record's receipt: its external id (null only when the payload could not be read into records), the outcome, the
/// need's global id (the same id GraphQL uses) when stored, revised or unchanged, the reason and quarantine entry when not.
/// </summary>
public sealed record RecordReceipt(
    string? ExternalId,
    string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NeedId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? QuarantineId = null);

public sealed record ReceiveRejection(string? ExternalId, string ReasonCode, string Message, long QuarantineId);

/// <summary>
/// What a delivery did: one receipt per record (the records the plugin read, in its order, then what it could not read)
/// and the count of each outcome. `accepted` is what the host now holds (stored + revised + unchanged), `rejected` what
/// went to quarantine; `needIds` and `rejections` repeat the receipts in the shape earlier senders read.
/// </summary>
public sealed record ReceiveResult([property: JsonPropertyOrder(1)] IReadOnlyList<RecordReceipt> Records)
{
    [JsonIgnore]
    public static ReceiveResult Empty { get; } = new([]);

    [JsonPropertyOrder(-6)]
    public int Accepted => Stored + Revised + Unchanged;

    [JsonPropertyOrder(-5)]
    public int Rejected => Quarantined;

    [JsonPropertyOrder(-4)]
    public int Stored => Count(ReceiptOutcome.Stored);

    [JsonPropertyOrder(-3)]
    public int Revised => Count(ReceiptOutcome.Revised);

    [JsonPropertyOrder(-2)]
    public int Unchanged => Count(ReceiptOutcome.Unchanged);

    [JsonPropertyOrder(-1)]
    public int Quarantined => Count(ReceiptOutcome.Quarantined);

    [JsonPropertyOrder(2)]
    public IReadOnlyList<string> NeedIds => [.. Records.Select(r => r.NeedId).OfType<string>().Distinct(StringComparer.Ordinal)];

    [JsonPropertyOrder(3)]
    public IReadOnlyList<ReceiveRejection> Rejections =>
        [.. Records.Where(r => r.Outcome == ReceiptOutcome.Quarantined).Select(r => new ReceiveRejection(r.ExternalId, r.Reason!, r.Message!, r.QuarantineId!.Value))];

    private int Count(string outcome) => Records.Count(r => r.Outcome == outcome);
}
