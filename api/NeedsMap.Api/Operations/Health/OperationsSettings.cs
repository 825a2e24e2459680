namespace NeedsMap.Api.Operations.Health;

/// <summary>Configuration section <c>NeedsMap:Operations</c>: readiness thresholds and the shutdown drain.</summary>
public sealed class OperationsSettings
{
    public const string Section = "NeedsMap:Operations";

    /// <summary>Pending rollup changes above which the server is not ready: the map would lag its intake by minutes.</summary>
    public int MaxRollupBacklog { get; set; } = 200_000;

    /// <summary>
    /// How long a stopping server keeps answering (with <c>/health/ready</c> unready) before it closes its listeners, so a
    /// load balancer that polls readiness stops sending new requests first. In-flight requests finish either way.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
}
