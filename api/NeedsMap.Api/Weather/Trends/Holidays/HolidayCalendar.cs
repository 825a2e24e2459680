namespace NeedsMap.Api.Weather.Trends.Holidays;

/// <summary>
/// The holiday effects a forecast may learn, and which share of a period's days each covers. Every holiday kind
/// has its days off; the Spring Festival also the week before it and the two weeks after it, when Yiwu's migrant
/// workers travel (the effects are learned from the history, so a city whose workers stay sees them near 1).
/// </summary>
public sealed class HolidayCalendar
{
    public const int WeekBeforeSpringFestival = 7;
    public const int WeeksAfterSpringFestival = 2;

    private readonly Dictionary<DateOnly, List<int>> _effectsByDay = [];

    public HolidayCalendar(IEnumerable<HolidaySpan> spans)
    {
        Spans = [.. spans.OrderBy(s => s.First)];
        foreach (var span in Spans)
        {
            Mark(span.First, span.Last, Index(span.Kind.ToString()));
            if (span.Kind == HolidayKind.SpringFestival)
            {
                Mark(span.First.AddDays(-WeekBeforeSpringFestival), span.First.AddDays(-1), Index(SpringFestivalBefore));
                for (var week = 1; week <= WeeksAfterSpringFestival; week++)
                {
                    Mark(span.Last.AddDays(1 + 7 * (week - 1)), span.Last.AddDays(7 * week), Index(SpringFestivalAfter + week));
                }
            }
        }
    }

    public const string SpringFestivalBefore = "SpringFestivalWeekBefore";
    public const string SpringFestivalAfter = "SpringFestivalWeekAfter";

    /// <summary>No holidays: every effect share is zero.</summary>
    public static HolidayCalendar None { get; } = new([]);

    /// <summary>The effect names, in the order <see cref="Shares"/> reports them.</summary>
    public static IReadOnlyList<string> EffectNames { get; } =
    [
        .. Enum.GetNames<HolidayKind>(), SpringFestivalBefore,
        .. Enumerable.Range(1, WeeksAfterSpringFestival).Select(w => SpringFestivalAfter + w),
    ];

    public static int EffectCount => EffectNames.Count;

    public IReadOnlyList<HolidaySpan> Spans { get; }

    /// <summary>For each effect, the share of the <paramref name="days"/> days from <paramref name="first"/> it covers (0 to 1).</summary>
    public double[] Shares(DateOnly first, int days)
    {
        var shares = new double[EffectCount];
        if (_effectsByDay.Count == 0)
        {
            return shares;
        }
        for (var d = 0; d < days; d++)
        {
            if (_effectsByDay.TryGetValue(first.AddDays(d), out var effects))
            {
                foreach (var e in effects)
                {
                    shares[e] += 1.0 / days;
                }
            }
        }
        return shares;
    }

    /// <summary>The holidays (days off) that touch the days from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public IEnumerable<HolidaySpan> Touching(DateOnly first, DateOnly last) => Spans.Where(s => s.First <= last && s.Last >= first);

    private static int Index(string name)
    {
        for (var i = 0; i < EffectNames.Count; i++)
        {
            if (EffectNames[i] == name)
            {
                return i;
            }
        }
        throw new ArgumentException($"No holiday effect is called {name}.", nameof(name));
    }

    private void Mark(DateOnly first, DateOnly last, int effect)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!_effectsByDay.TryGetValue(day, out var effects))
            {
                _effectsByDay[day] = effects = [];
            }
            if (!effects.Contains(effect))
            {
                effects.Add(effect);
            }
        }
    }
}
