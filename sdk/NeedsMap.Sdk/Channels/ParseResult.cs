namespace NeedsMap.Sdk;

/// <summary>What an adapter made of one payload: the usable records and the rejected ones.</summary>
/// <param name="Records">The records, in the order the payload held them.</param>
/// <param name="Rejected">The records, or the whole payload, that could not be used.</param>
public sealed record ParseResult(IReadOnlyList<NeedRecord> Records, IReadOnlyList<RejectedRecord> Rejected)
{
    /// <summary>Nothing parsed, nothing rejected: an empty batch.</summary>
    public static ParseResult Empty { get; } = new([], []);

    /// <summary>A payload that could not be read at all.</summary>
    public static ParseResult Failed(RejectedRecord rejection) => new([], [rejection]);
}
