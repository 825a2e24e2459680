namespace NeedsMap.Sdk;

/// <summary>What one <see cref="IPullSource.PullAsync"/> call fetched.</summary>
/// <param name="Records">The records fetched, oldest first.</param>
/// <param name="Rejected">The records fetched that could not be used.</param>
/// <param name="NextCheckpoint">What to pass to the next call; <see langword="null"/> keeps the one passed in.</param>
/// <param name="HasMore">Whether more records are waiting, so the host should pull again at once.</param>
public sealed record PullBatch(
    IReadOnlyList<NeedRecord> Records,
    IReadOnlyList<RejectedRecord> Rejected,
    string? NextCheckpoint,
    bool HasMore);
