namespace NeedsMap.Api.KeyMatters.Rollups;

/// <summary>
/// What one need adds to the key-matter rollups, kept so a revision takes away exactly what was added before
/// (its jurisdiction, day, category, weight or topics may all have changed).
/// </summary>
public sealed class KeyMatterNeed
{
    public long NeedId { get; init; }
    public DateOnly Day { get; set; }
    public required string JurisdictionPath { get; set; }
    public required string CategoryCode { get; set; }
    public double Weight { get; set; }
    /// <summary>False when the need joined an earlier need's case: it adds a record, not a case.</summary>
    public bool OpensCase { get; set; }
    /// <summary>A 64-bit hash of the reporter key; null when the channel names no reporter.</summary>
    public long? Reporter { get; set; }
    public required string[] Topics { get; set; }
}

/// <summary>
/// Needs of one category (and, unless <see cref="Topic"/> is empty, one topic) received on one city day in one
/// jurisdiction's subtree. Every need is counted at each level of its jurisdiction path (city, street,
/// community), so a question about any jurisdiction reads only its own rows.
/// </summary>
public sealed class KeyMatterDemand
{
    public required string JurisdictionCode { get; init; }
    public DateOnly Day { get; init; }
    public required string CategoryCode { get; init; }
    public required string Topic { get; init; }
    public int Records { get; set; }
    public int Cases { get; set; }
    public double Weight { get; set; }
    /// <summary>Records that name no reporter: each is counted as one resident.</summary>
    public int Anonymous { get; set; }
    /// <summary>
    /// The distinct reporters of the named records, ascending, so a window's residents are the union of its rows'
    /// reporters. Kept on the row (not one row per reporter) because a city-wide question reads a few thousand
    /// rows instead of several hundred thousand.
    /// </summary>
    public long[] Reporters { get; set; } = [];
    /// <summary>How many of the row's records each of <see cref="Reporters"/> made, so a revision can take one away.</summary>
    public int[] ReporterNeeds { get; set; } = [];
}
