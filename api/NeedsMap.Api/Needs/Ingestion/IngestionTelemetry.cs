using System.Diagnostics;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>
/// A span for each stage of ingestion (parse, prepare, stage, locate, upsert, hooks, identify), for tracing and the
/// ingest benchmark's profile. Without a listener a span costs nothing.
/// </summary>
public static class IngestionTelemetry
{
    public const string SourceName = "NeedsMap.Ingestion";

    internal static readonly ActivitySource Source = new(SourceName);
}
