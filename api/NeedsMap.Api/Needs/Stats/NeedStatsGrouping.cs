namespace NeedsMap.Api.Needs.Stats;

public enum NeedStatsGrouping
{
    Category,
    Channel,
    Status,
    Jurisdiction,
    Day,
    Week,
    Month,
}

/// <summary>How deep CATEGORY groups: by top-level category or by the leaf the need carries.</summary>
public enum CategoryLevel
{
    Top,
    Leaf,
}
