using System.Diagnostics;
using System.Diagnostics.Metrics;
using NeedsMap.Api.Common.Telemetry;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// How long after its storing each changed need reaches this server's subscribers' hub, and where that time goes, so a
/// subscriber's latency can be taken apart: storing → NOTIFY heard (the storing transaction's commit and PostgreSQL's
/// delivery), heard → its batch's load began (batching), the load itself, the hub's fan-out of one need (matching, queueing
/// on the fan-out lanes), and each subscriber's delivery (the lane's queue, the shared run's execution and serialisation,
/// queueing on the sockets); the transport measures the sending.
/// </summary>
internal static class NeedChangeMetrics
{
    private static readonly Meter Meter = new(NeedsMapMetrics.MeterName);

    private static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2.5, 5, 10];

    // The stages are short: finer bounds at the low end, so a breakdown shows milliseconds, not "≤ 5 ms" for everything.
    private static readonly double[] StageBounds = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2.5, 5];

    private static readonly Histogram<double> PublishLag = Meter.CreateHistogram<double>("needsmap.subscriptions.publish_lag", "s",
        "From a need's storing (its updatedAt) to its publishing to this server's needChanged subscribers.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Bounds });

    private static readonly Histogram<double> HeardLag = Meter.CreateHistogram<double>("needsmap.subscriptions.heard_lag", "s",
        "From a need's storing (its updatedAt) to this server hearing its NOTIFY: the rest of the storing transaction, its commit and the delivery.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StageBounds });

    private static readonly Histogram<double> BatchWait = Meter.CreateHistogram<double>("needsmap.subscriptions.batch_wait", "s",
        "From hearing a need's NOTIFY to the start of loading the batch it is in.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StageBounds });

    private static readonly Histogram<double> LoadDuration = Meter.CreateHistogram<double>("needsmap.subscriptions.load_duration", "s",
        "Loading one batch of changed needs for the subscribers (one round trip).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StageBounds });

    private static readonly Histogram<double> FanOut = Meter.CreateHistogram<double>("needsmap.subscriptions.fanout_duration", "s",
        "Handing one changed need to the hub: matching its subscribers and queueing it on their fan-out lanes.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StageBounds });

    private static readonly Histogram<double> Delivery = Meter.CreateHistogram<double>("needsmap.subscriptions.delivery_duration", "s",
        "From queueing a changed need on a subscriber's fan-out lane to the subscriber having taken it: the lane's queue, then the shared "
        + "run's execution and serialisation and the queueing on its members' sockets.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StageBounds });

    public static void Published(Need need) => PublishLag.Record(Math.Max(0, (DateTimeOffset.UtcNow - need.UpdatedAt).TotalSeconds));

    /// <param name="heardUtcTicks">When the NOTIFY was heard, <see cref="DateTime.UtcNow"/> ticks (the same clock as updatedAt).</param>
    /// <param name="heard">The same moment on <see cref="Stopwatch"/>'s clock.</param>
    /// <param name="loadStarted">When the batch's load began, on <see cref="Stopwatch"/>'s clock.</param>
    public static void Heard(Need need, long heardUtcTicks, long heard, long loadStarted)
    {
        HeardLag.Record(Math.Max(0, (new DateTimeOffset(heardUtcTicks, TimeSpan.Zero) - need.UpdatedAt).TotalSeconds));
        BatchWait.Record(Stopwatch.GetElapsedTime(heard, loadStarted).TotalSeconds);
    }

    public static void Loaded(long started) => LoadDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);

    public static void FannedOut(long started) => FanOut.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);

    public static void Delivered(long posted) => Delivery.Record(Stopwatch.GetElapsedTime(posted).TotalSeconds);
}
