using System.Globalization;

namespace NeedsMap.Bench.Subscribers;

/// <summary>Reads a server's Prometheus scrape (<c>/metrics</c>, open to loopback callers).</summary>
internal static class ServerMetrics
{
    private const string PublishLag = "needsmap_subscriptions_publish_lag_seconds_bucket{";

    /// <summary>The publish-lag histogram's cumulative counts by upper bound (seconds), summed over label sets; empty if unreadable.</summary>
    public static async Task<SortedDictionary<double, double>> PublishLagAsync(HttpClient http)
    {
        var buckets = new SortedDictionary<double, double>();
        string text;
        try
        {
            text = await http.GetStringAsync("/metrics");
        }
        catch (HttpRequestException)
        {
            return buckets;
        }
        foreach (var line in text.Split('\n').Where(l => l.StartsWith(PublishLag, StringComparison.Ordinal)))
        {
            var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
            le = le[..le.IndexOf('"', StringComparison.Ordinal)];
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            // name{labels} value [timestamp]
            var count = double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + count;
        }
        return buckets;
    }

    /// <summary>The sum of a metric's values over its label sets (a gauge such as needsmap_subscriptions_members); 0 if unreadable.</summary>
    public static async Task<double> SumAsync(HttpClient http, string name)
    {
        try
        {
            var text = await http.GetStringAsync("/metrics");
            return text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
                .Sum(l => double.Parse((l.Contains('}', StringComparison.Ordinal) ? l[(l.LastIndexOf('}') + 1)..] : l[name.Length..]).Trim().Split(' ')[0],
                    CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>The bucket bound at or under which <paramref name="p"/> of the events between two scrapes fell, in ms ("≤ bound").</summary>
    public static string Quantile(SortedDictionary<double, double> before, SortedDictionary<double, double> after, double p)
    {
        var total = after.GetValueOrDefault(double.PositiveInfinity) - before.GetValueOrDefault(double.PositiveInfinity);
        if (total <= 0)
        {
            return "n/a";
        }
        foreach (var (bound, count) in after)
        {
            if (count - before.GetValueOrDefault(bound) >= p * total)
            {
                return double.IsPositiveInfinity(bound) ? "> 10,000" : $"≤ {bound * 1000:0}";
            }
        }
        return "n/a";
    }

    public static double Count(SortedDictionary<double, double> before, SortedDictionary<double, double> after) =>
        after.GetValueOrDefault(double.PositiveInfinity) - before.GetValueOrDefault(double.PositiveInfinity);
}
