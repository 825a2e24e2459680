namespace NeedsMap.Api.Needs.Rollups;

/// <summary>
/// A stored change of a need that the derived tables (cell and key-matter rollups, cases) have not counted yet: what
/// the need counted for before (null when it was created) and what it counts for now. Written in the ingestion
/// transaction, taken and deleted by <see cref="RollupApplier"/> in the transaction that counts it, so each change
/// is counted exactly once, and the sum of before/after pairs telescopes however the changes are batched.
/// </summary>
public sealed class PendingRollup
{
    public long Seq { get; set; }
    public long NeedId { get; set; }
    public double? BeforeLongitude { get; set; }
    public double? BeforeLatitude { get; set; }
    public DateTimeOffset? BeforeReceivedAt { get; set; }
    public string? BeforeCategoryCode { get; set; }
    public string? BeforeChannelCode { get; set; }
    public double? BeforeWeight { get; set; }
    public double AfterLongitude { get; set; }
    public double AfterLatitude { get; set; }
    public DateTimeOffset AfterReceivedAt { get; set; }
    public string AfterCategoryCode { get; set; } = "";
    public string AfterChannelCode { get; set; } = "";
    public double AfterWeight { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string JurisdictionPath { get; set; } = "";
}
