using System.Diagnostics.Metrics;
using NeedsMap.Api.Common.Telemetry;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// How long after its storing each changed need reaches this server's subscribers' hub: the part of a subscriber's latency
/// spent in NOTIFY, the listener's batching and its load of the needs, as against fanning out, executing and sending.
/// </summary>
internal static class NeedChangeMetrics
{
    private static readonly Meter Meter = new(NeedsMapMetrics.MeterName);

    private static readonly Histogram<double> PublishLag = Meter.CreateHistogram<double>("needsmap.subscriptions.publish_lag", "s",
        "From a need's storing (its updatedAt) to its publishing to this server's needChanged subscribers.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2.5, 5, 10] });

    public static void Published(Need need) => PublishLag.Record(Math.Max(0, (DateTimeOffset.UtcNow - need.UpdatedAt).TotalSeconds));
}
