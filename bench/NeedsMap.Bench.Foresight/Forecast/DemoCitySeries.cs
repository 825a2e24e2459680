using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Bench.Foresight.Forecast;

/// <summary>
/// Daily counts from the demo city's generator (api/NeedsMap.DemoCity, written for issue #3 by another author, long
/// before this forecaster): the city, its 14 streets and its five largest categories, one year.
/// </summary>
internal static class DemoCitySeries
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    public static List<ComplaintSeriesGenerator.Series> Build(int needs)
    {
        var generator = DemoNeedsGenerator.ForYiwu(Now);
        var first = DateOnly.FromDateTime(generator.WindowStart.AddHours(8));
        var last = DateOnly.FromDateTime(generator.Now.AddHours(8)).AddDays(-1);
        var days = last.DayNumber - first.DayNumber + 1;
        var byKey = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var categoryTotals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var need in generator.Generate(needs))
        {
            var t = DateOnly.FromDateTime(need.ReceivedAt.AddHours(8)).DayNumber - first.DayNumber;
            if (t < 0 || t >= days)
            {
                continue;
            }
            Count("city", t);
            Count("street " + need.CommunityCode[..9], t);
            Count("category " + need.CategoryCode, t);
            categoryTotals[need.CategoryCode] = categoryTotals.GetValueOrDefault(need.CategoryCode) + 1;
        }
        var topCategories = categoryTotals.OrderByDescending(c => c.Value).Take(5).Select(c => "category " + c.Key).ToHashSet();
        var dates = Enumerable.Range(0, days).Select(first.AddDays).ToList();
        return [.. byKey.Where(p => !p.Key.StartsWith("category ", StringComparison.Ordinal) || topCategories.Contains(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, i) => new ComplaintSeriesGenerator.Series(i, p.Key, dates, p.Value))];

        void Count(string key, int t)
        {
            if (!byKey.TryGetValue(key, out var values))
            {
                byKey[key] = values = new double[days];
            }
            values[t]++;
        }
    }
}
