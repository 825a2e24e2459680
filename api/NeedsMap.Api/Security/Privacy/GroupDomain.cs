namespace NeedsMap.Api.Security.Privacy;

/// <summary>
/// What the needs of one group of an answer can be, as far as the grouping tells: the categories of a CATEGORY group,
/// the communities of a JURISDICTION group or of a hexagon, the channel or status of theirs, the days of a time bucket.
/// Null means any. The small-group rule requires every combination of conditions that such needs could meet to be
/// counted, including those that hold none.
/// </summary>
public sealed record GroupDomain
{
    public static GroupDomain Any { get; } = new();

    public IReadOnlyCollection<string>? Categories { get; init; }
    public IReadOnlyCollection<string>? Channels { get; init; }
    public IReadOnlyCollection<string>? Statuses { get; init; }
    /// <summary>Jurisdictions that hold needs (those without children), by code.</summary>
    public IReadOnlyCollection<string>? Jurisdictions { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? Before { get; init; }
}
