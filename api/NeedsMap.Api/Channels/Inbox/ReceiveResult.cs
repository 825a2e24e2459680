namespace NeedsMap.Api.Channels.Inbox;

public sealed record ReceiveRejection(string? ExternalId, string ReasonCode, string Message, long QuarantineId);

/// <summary>What a delivery did: needs stored (or found already stored) and records quarantined.</summary>
public sealed record ReceiveResult(int Accepted, int Rejected, IReadOnlyList<long> NeedIds, IReadOnlyList<ReceiveRejection> Rejections)
{
    public static ReceiveResult Empty { get; } = new(0, 0, [], []);
}
