namespace NeedsMap.Api.Operations.Telemetry;

/// <summary>Configuration section <c>NeedsMap:Telemetry</c>.</summary>
public sealed class TelemetrySettings
{
    public const string Section = "NeedsMap:Telemetry";

    /// <summary>Record traces (on whenever an OTLP endpoint is configured).</summary>
    public bool Tracing { get; set; }

    /// <summary>An OTLP collector (gRPC or HTTP); the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> works too.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The Prometheus scrape path; empty turns the endpoint off.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// Operational counts are not public: by default only loopback callers (a sidecar or node agent) may scrape.
    /// Set true when the scraper reaches the server over the network.
    /// </summary>
    public bool MetricsAllowRemote { get; set; }

    /// <summary>Console logs as one JSON object per line: the default in Production, for log shippers.</summary>
    public bool? JsonConsole { get; set; }
}
