namespace NeedsMap.Api.Loop.Scenes.Effect;

/// <summary>
/// The communities a scene may be compared with: every untreated community with enough needs before the start,
/// each with its pre-period trend. A trend is the log ratio of the second half's needs to the first half's per
/// week, shrunk towards zero by how noisy it is (an empirical-Bayes weight τ²/(τ² + v) with τ² the spread of true
/// trends across the pool), so a small community's chance rise is not mistaken for a trend to match.
/// </summary>
public sealed class DonorPool
{
    /// <summary>A donor needs this many needs a week on average before the start.</summary>
    public const double MinWeeklyNeeds = 0.5;

    private readonly Dictionary<string, int[]> _series;
    private readonly (double Slope, string Code)[] _bySlope;
    private readonly double _tau2;

    public DonorPool(IReadOnlyDictionary<string, int[]> series, int before)
    {
        Before = before;
        _series = series.Where(p => p.Value.Take(before).Sum() >= MinWeeklyNeeds * Math.Max(before, 1))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var raw = _series.ToDictionary(p => p.Key, p => RawSlope(p.Value, before), StringComparer.Ordinal);
        var slopes = raw.Values.Select(r => r.Slope).ToList();
        var spread = slopes.Count > 1 ? slopes.Select(s => (s - slopes.Average()) * (s - slopes.Average())).Sum() / (slopes.Count - 1) : 0;
        _tau2 = Math.Max(spread - (raw.Count > 0 ? raw.Values.Average(r => r.Variance) : 0), 1e-6);
        _bySlope = [.. raw.Select(p => (Shrink(p.Value), p.Key)).OrderBy(p => p.Item1).ThenBy(p => p.Key, StringComparer.Ordinal)];
    }

    public int Before { get; }

    public int Count => _series.Count;

    public IEnumerable<string> Codes => _bySlope.Select(p => p.Code);

    public int[] Series(string code) => _series[code];

    /// <summary>The shrunk pre-period trend of any series (log change per week).</summary>
    public double Slope(int[] series) => Shrink(RawSlope(series, Before));

    /// <summary>The <paramref name="k"/> donors whose trends are nearest <paramref name="slope"/>, none of <paramref name="exclude"/>.</summary>
    public List<string> Nearest(double slope, int k, Func<string, bool> exclude)
    {
        var chosen = new List<string>(k);
        var right = LowerBound(slope);
        var left = right - 1;
        while (chosen.Count < k && (left >= 0 || right < _bySlope.Length))
        {
            var takeLeft = right >= _bySlope.Length || (left >= 0 && slope - _bySlope[left].Slope <= _bySlope[right].Slope - slope);
            var code = takeLeft ? _bySlope[left--].Code : _bySlope[right++].Code;
            if (!exclude(code))
            {
                chosen.Add(code);
            }
        }
        chosen.Sort(StringComparer.Ordinal);
        return chosen;
    }

    private int LowerBound(double slope)
    {
        int low = 0, high = _bySlope.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_bySlope[mid].Slope < slope)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private double Shrink((double Slope, double Variance) raw) => raw.Slope * _tau2 / (_tau2 + raw.Variance);

    private static (double Slope, double Variance) RawSlope(int[] series, int before)
    {
        var half = before / 2;
        if (half < 2)
        {
            return (0, 0);
        }
        double first = 0.5, second = 0.5;
        for (var i = 0; i < half; i++)
        {
            first += series[i];
            second += series[before - half + i];
        }
        var weeks = before - half;
        return (Math.Log(second / first) / weeks, (1 / first + 1 / second) / (weeks * weeks));
    }
}
