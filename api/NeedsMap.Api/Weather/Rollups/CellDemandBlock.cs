namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// Needs in one cell over one aligned block of days (see <see cref="TimeBlocks"/>), all categories and channels
/// together: what cells queries read when the filter asks about jurisdictions only.
/// </summary>
public sealed class CellDemandBlock
{
    public short Resolution { get; init; }
    public short BlockDays { get; init; }
    public DateOnly BlockStart { get; init; }
    public int Q { get; init; }
    public int R { get; init; }
    public required string JurisdictionPath { get; set; }
    public int Count { get; set; }
    public double Weight { get; set; }
}
