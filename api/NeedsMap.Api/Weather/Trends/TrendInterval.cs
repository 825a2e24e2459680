namespace NeedsMap.Api.Weather.Trends;

public enum TrendInterval
{
    Day,
    Week,
    Month,
    /// <summary>Calendar years, summed from months.</summary>
    Year,
}

public sealed record TrendPoint(DateOnly Period, int Count, double Weight);
