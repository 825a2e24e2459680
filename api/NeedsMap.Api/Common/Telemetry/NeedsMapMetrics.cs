using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NeedsMap.Api.Common.Telemetry;

/// <summary>
/// The API's own instruments (meter <see cref="MeterName"/>) and spans (source <see cref="SourceName"/>), beside the
/// transport's (<c>NeedsMap.Graph.Transport</c>) and ingestion's (<c>NeedsMap.Ingestion</c>). Counters are static: a
/// measurement without a listener costs nothing. Values read from the database are sampled by <see cref="Operations.Telemetry.OperationsSampler"/>.
/// </summary>
public static class NeedsMapMetrics
{
    public const string MeterName = "NeedsMap";
    public const string SourceName = "NeedsMap";

    internal static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> IngestRecords = Meter.CreateCounter<long>("needsmap.ingest.records", "{record}",
        "Records received from channels, by channel and outcome (stored, revised, unchanged, quarantined).");

    private static readonly Histogram<double> ClassifierConfidence = Meter.CreateHistogram<double>("needsmap.classifier.confidence", "1",
        "Confidence of each automatic classification (0..1).", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0] });

    private static readonly Counter<long> RollupsApplied = Meter.CreateCounter<long>("needsmap.rollups.applied", "{change}",
        "Need changes counted into the derived tables (cells, key matters, cases).");

    private static readonly Counter<long> DetectorRuns = Meter.CreateCounter<long>("needsmap.warnings.detector_runs", "{run}",
        "Runs of the demand and social-risk warning detectors, by what started them (nudged by counted needs, or periodic).");

    private static readonly Histogram<double> DetectorDuration = Meter.CreateHistogram<double>("needsmap.warnings.detector_duration", "s",
        "How long one run of both warning detectors took.");

    public static void WarningDetectorRan(bool nudged, TimeSpan took)
    {
        var reason = new KeyValuePair<string, object?>("reason", nudged ? "nudged" : "periodic");
        DetectorRuns.Add(1, reason);
        DetectorDuration.Record(took.TotalSeconds, reason);
    }

    public static void Ingested(string channel, string outcome, int count)
    {
        if (count > 0)
        {
            IngestRecords.Add(count, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public static void Classified(double confidence) => ClassifierConfidence.Record(confidence);

    public static void RollupsCounted(int changes)
    {
        if (changes > 0)
        {
            RollupsApplied.Add(changes);
        }
    }
}
