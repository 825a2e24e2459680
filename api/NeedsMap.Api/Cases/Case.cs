namespace NeedsMap.Api.Cases;

/// <summary>
/// One complaint that reached the city more than once (件): near-duplicate needs (same place, same top category,
/// similar words, within days, through any channel) linked together, so counts can say cases, not records.
/// A need that stands alone has no case row.
/// </summary>
public sealed class Case
{
    public long Id { get; init; }
    /// <summary>The top-level category the linked needs share.</summary>
    public required string CategoryCode { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset LastReceivedAt { get; set; }
    public int NeedCount { get; set; }
    /// <summary>The jurisdiction of the need that opened the case.</summary>
    public required string JurisdictionCode { get; init; }
    public required string JurisdictionPath { get; init; }
}
