using Microsoft.Extensions.Diagnostics.HealthChecks;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Operations.Health;

/// <summary>
/// Ready only while every LISTEN connection is up: without it this server's subscribers and caches miss what other
/// servers (and bulk loads) change.
/// </summary>
public sealed class ListenerHealthCheck(IEnumerable<IHostedService> hosted) : IHealthCheck
{
    private readonly IReadOnlyList<PostgresListener> _listeners = [.. hosted.OfType<PostgresListener>()];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var deaf = _listeners.Where(l => !l.Hearing).Select(l => l.GetType().Name).ToList();
        return Task.FromResult(deaf.Count == 0
            ? HealthCheckResult.Healthy($"{_listeners.Count} listener(s) hearing")
            : HealthCheckResult.Unhealthy("not listening: " + string.Join(", ", deaf)));
    }
}
