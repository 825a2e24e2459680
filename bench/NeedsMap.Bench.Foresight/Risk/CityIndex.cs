using NeedsMap.Api.Weather.Warnings.Risk;

namespace NeedsMap.Bench.Foresight.Risk;

/// <summary>The quiet city's needs by day and by matter, so every window and its baseline are counted as the server counts them.</summary>
internal sealed class CityIndex
{
    private readonly DateOnly _first;
    private readonly Dictionary<string, List<RiskNeed>[]> _byMatter = new(StringComparer.Ordinal);
    private readonly List<RiskNeed>[] _byDay;
    private readonly Dictionary<string, (int Needs, int Collective, int Angry)[]> _categoryDays = new(StringComparer.Ordinal);

    public CityIndex(List<RiskNeed> needs, DateOnly first, DateOnly last)
    {
        _first = first;
        Days = last.DayNumber - first.DayNumber + 1;
        _byDay = Enumerable.Range(0, Days).Select(_ => new List<RiskNeed>()).ToArray();
        foreach (var n in needs)
        {
            var d = n.Day.DayNumber - first.DayNumber;
            _byDay[d].Add(n);
            var matter = n.Community + "|" + n.Category;
            if (!_byMatter.TryGetValue(matter, out var days))
            {
                _byMatter[matter] = days = Enumerable.Range(0, Days).Select(_ => new List<RiskNeed>()).ToArray();
            }
            days[d].Add(n);
            if (!_categoryDays.TryGetValue(n.Category, out var tally))
            {
                _categoryDays[n.Category] = tally = new (int, int, int)[Days];
            }
            tally[d] = (tally[d].Needs + 1, tally[d].Collective + (RiskLexicon.IsCollective(n.Text) ? 1 : 0), tally[d].Angry + (RiskLexicon.IsAngry(n.Text) ? 1 : 0));
        }
    }

    public int Days { get; }

    public DateOnly DayOf(int d) => _first.AddDays(d);

    /// <summary>The matters of the window ending on day <paramref name="d"/>, with their counts.</summary>
    public IEnumerable<(string Matter, RiskCounts Counts)> Window(int d) =>
        Enumerable.Range(d - RiskTest.WindowDays + 1, RiskTest.WindowDays).SelectMany(i => _byDay[i])
            .GroupBy(n => n.Community + "|" + n.Category, StringComparer.Ordinal)
            .Select(g => (g.Key, RiskCounts.Of(g)));

    public IEnumerable<RiskNeed> WindowNeeds(string matter, int d) => Span(matter, d - RiskTest.WindowDays + 1, RiskTest.WindowDays);

    public RiskTest.Assessment Assess(string matter, RiskCounts window, int d)
    {
        var baselineFrom = d - RiskTest.WindowDays + 1 - RiskTest.BaselineDays;
        var baseline = RiskCounts.Of(Span(matter, baselineFrom, RiskTest.BaselineDays));
        var category = matter[(matter.IndexOf('|', StringComparison.Ordinal) + 1)..];
        var shares = new RiskTest.Shares(0, 0, 0);
        if (_categoryDays.TryGetValue(category, out var tally))
        {
            int n = 0, c = 0, a = 0;
            for (var i = Math.Max(0, baselineFrom); i < baselineFrom + RiskTest.BaselineDays; i++)
            {
                (n, c, a) = (n + tally[i].Needs, c + tally[i].Collective, a + tally[i].Angry);
            }
            shares = n == 0 ? shares : new RiskTest.Shares((double)c / n, (double)a / n, 0);
        }
        return RiskTest.Assess(window, baseline, shares);
    }

    private IEnumerable<RiskNeed> Span(string matter, int from, int count)
    {
        if (!_byMatter.TryGetValue(matter, out var days))
        {
            return [];
        }
        var (start, end) = (Math.Max(0, from), Math.Min(Days, from + count));
        return Enumerable.Range(start, Math.Max(0, end - start)).SelectMany(i => days[i]);
    }
}
