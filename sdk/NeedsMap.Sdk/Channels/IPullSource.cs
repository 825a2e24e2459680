namespace NeedsMap.Sdk;

/// <summary>
/// Implemented, besides <see cref="IChannelAdapter"/>, by adapters whose channel the host has to poll
/// rather than one that pushes payloads to the host.
/// </summary>
public interface IPullSource
{
    /// <summary>
    /// Fetches the records after <paramref name="checkpoint"/>. The host stores
    /// <see cref="PullBatch.NextCheckpoint"/> only once it has stored the batch, so a crash redelivers
    /// rather than loses records; <see cref="NeedRecord.Version"/> lets it ignore the repeats.
    /// </summary>
    /// <param name="checkpoint">The checkpoint the previous batch returned, or <see langword="null"/> to start from the beginning.</param>
    /// <param name="context">Logging, clock, cancellation and the host's salted hashing.</param>
    Task<PullBatch> PullAsync(string? checkpoint, IChannelContext context);
}
