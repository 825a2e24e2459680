namespace NeedsMap.Api.Needs.Stats;

/// <param name="Key">The group's code (category, channel, status, jurisdiction) or the period's first day (yyyy-MM-dd).</param>
/// <param name="Label">A readable name in Chinese where one exists.</param>
public sealed record NeedStatGroup(string Key, string? Label, int Count, double Weight, int DistinctReporters);

public sealed record NeedStats(int TotalCount, IReadOnlyList<NeedStatGroup> Groups);
