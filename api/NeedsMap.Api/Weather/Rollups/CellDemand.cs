namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// Needs received in one cell on one city day, of one category from one channel. The cell's own jurisdiction path
/// is copied in so <c>NeedFilterSql</c> can translate <c>jurisdictionIn</c>, <c>categoryIn</c> and <c>channelIn</c>
/// against this table exactly as against <c>needs</c>.
/// </summary>
public sealed class CellDemand
{
    public short Resolution { get; init; }
    public int Q { get; init; }
    public int R { get; init; }
    public DateOnly Day { get; init; }
    public required string CategoryCode { get; init; }
    public required string ChannelCode { get; init; }
    public required string JurisdictionPath { get; set; }
    public int Count { get; set; }
    public double Weight { get; set; }
}
