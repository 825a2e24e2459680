namespace NeedsMap.Api.Replica;

/// <summary>What the last look at the standby found. <see cref="LagSeconds"/> is 0 when it has replayed all the primary has written.</summary>
public sealed record ReplicaStatus(DateTimeOffset CheckedAt, bool Reachable, bool InRecovery, string? ReplayLsn, double? LagSeconds,
    long? LagBytes, string? Error)
{
    public static ReplicaStatus NotYetChecked { get; } = new(DateTimeOffset.MinValue, false, false, null, null, null, "not checked yet");
}
