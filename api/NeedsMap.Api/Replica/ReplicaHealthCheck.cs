using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace NeedsMap.Api.Replica;

/// <summary>
/// The standby in <c>/health/ready</c>: healthy while it streams within <see cref="ReadReplicaSettings.MaxLagSeconds"/>;
/// <em>degraded</em>, never unhealthy, when it lags, is unreachable or was promoted. Degraded keeps the server ready (200):
/// its reads fall over to the primary or serve a map a little behind, both better than every API server leaving the load
/// balancer at once because one standby is slow. The description carries the lag for the operator.
/// </summary>
public sealed class ReplicaHealthCheck(ReplicaMonitor monitor, IOptions<ReadReplicaSettings> settings, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = monitor.Current;
        var limit = settings.Value.MaxLagSeconds;
        var stale = time.GetUtcNow() - s.CheckedAt > settings.Value.PollInterval * 10 + TimeSpan.FromSeconds(5);
        var lag = s.LagSeconds is { } seconds ? seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "unknown";
        var data = new Dictionary<string, object>
        {
            ["reachable"] = s.Reachable,
            ["lagSeconds"] = (object?)s.LagSeconds ?? "unknown",
            ["lagBytes"] = (object?)s.LagBytes ?? "unknown",
        };
        HealthCheckResult result = s switch
        {
            _ when stale => HealthCheckResult.Degraded($"replica not checked since {s.CheckedAt:O}; reads fall over to the primary if it is down", data: data),
            { Reachable: false } => HealthCheckResult.Degraded($"replica unreachable ({s.Error}); its reads fall over to the primary", data: data),
            { InRecovery: false } => HealthCheckResult.Degraded("the replica is not a standby (promoted?): it may serve writes' data, but is not following this primary", data: data),
            { LagSeconds: null } => HealthCheckResult.Degraded($"replica streaming, lag unknown ({s.LagBytes?.ToString(CultureInfo.InvariantCulture) ?? "?"} bytes behind)", data: data),
            _ when s.LagSeconds > limit => HealthCheckResult.Degraded($"replica lag {lag} ({s.LagBytes} bytes), over {limit} s: the map serves older counts", data: data),
            _ => HealthCheckResult.Healthy($"replica streaming, lag {lag} ({s.LagBytes} bytes)", data),
        };
        return Task.FromResult(result);
    }
}
