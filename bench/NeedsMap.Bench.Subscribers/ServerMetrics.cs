using System.Globalization;

namespace NeedsMap.Bench.Subscribers;

/// <summary>Reads a server's Prometheus scrape (<c>/metrics</c>, open to loopback callers).</summary>
internal static class ServerMetrics
{
    private const string PublishLag = "needsmap_subscriptions_publish_lag_seconds_bucket{";

    /// <summary>The publish-lag histogram's cumulative counts by upper bound (seconds), summed over label sets; empty if unreadable.</summary>
    public static Task<SortedDictionary<double, double>> PublishLagAsync(HttpClient http) => HistogramAsync(http, PublishLag);

    /// <summary>
    /// The stages of a need's way to its subscribers, as the server measures them (Needs/Events/NeedChangeMetrics and the
    /// transport's send lag): each a Prometheus histogram in seconds, in the order a need passes them.
    /// </summary>
    public static readonly (string Metric, string Stage, bool PerBatch)[] Stages =
    [
        ("needsmap_subscriptions_heard_lag_seconds", "storing → NOTIFY heard (rest of the storing transaction, commit, delivery)", false),
        ("needsmap_subscriptions_batch_wait_seconds", "NOTIFY heard → its batch's load began (batching, the listener's queue)", false),
        ("needsmap_subscriptions_load_duration_seconds", "loading one batch of needs (per batch, not per need)", true),
        ("needsmap_subscriptions_publish_lag_seconds", "= storing → handed to the hub (the sum of the above, per need)", false),
        ("needsmap_subscriptions_fanout_duration_seconds", "hub fan-out of one need (matching, queueing on the subscribers' fan-out lanes)", false),
        ("needsmap_subscriptions_delivery_duration_seconds", "on a fan-out lane → taken by a subscriber (per run and event: the lane's queue, the run's execution and serialisation, queueing on its sockets)", false),
        ("graphql_subscription_send_lag_seconds", "queued on a socket → sent (per socket and event: the writer's queue, thread pool, send)", false),
    ];

    /// <summary>A histogram's cumulative counts by upper bound (seconds), summed over label sets, with its sum under <see cref="SumKey"/>; empty if unreadable.</summary>
    public static async Task<SortedDictionary<double, double>> HistogramAsync(HttpClient http, string name)
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
        var prefix = name.EndsWith('{') ? name : name + "_bucket{";
        var sumPrefix = prefix[..prefix.LastIndexOf("_bucket{", StringComparison.Ordinal)] + "_sum";
        foreach (var line in text.Split('\n').Where(l => l.StartsWith(sumPrefix, StringComparison.Ordinal)))
        {
            buckets[SumKey] = buckets.GetValueOrDefault(SumKey)
                + double.Parse((line.Contains('}', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[sumPrefix.Length..]).Trim().Split(' ')[0],
                    CultureInfo.InvariantCulture);
        }
        foreach (var line in text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
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
        foreach (var (bound, count) in after.Where(b => b.Key != SumKey))
        {
            if (count - before.GetValueOrDefault(bound) >= p * total)
            {
                return double.IsPositiveInfinity(bound) ? "> last bound" : $"≤ {bound * 1000:0.#}";
            }
        }
        return "n/a";
    }

    public static double Count(SortedDictionary<double, double> before, SortedDictionary<double, double> after) =>
        after.GetValueOrDefault(double.PositiveInfinity) - before.GetValueOrDefault(double.PositiveInfinity);

    /// <summary>Where a histogram keeps its sum of observations (a bound no bucket has).</summary>
    public const double SumKey = double.NegativeInfinity;

    /// <summary>The mean of the observations between two scrapes, in ms: exact, unlike the bucket bounds.</summary>
    public static string Mean(SortedDictionary<double, double> before, SortedDictionary<double, double> after)
    {
        var count = Count(before, after);
        return count > 0 ? $"{(after.GetValueOrDefault(SumKey) - before.GetValueOrDefault(SumKey)) / count * 1000:0.0}" : "n/a";
    }
}
