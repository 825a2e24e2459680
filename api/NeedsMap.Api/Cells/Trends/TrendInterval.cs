namespace NeedsMap.Api.Cells.Trends;

public enum TrendInterval
{
    Day,
    Week,
    Month,
}

public sealed record TrendPoint(DateOnly Period, int Count, double Weight);
