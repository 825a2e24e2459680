using Microsoft.Extensions.Diagnostics.HealthChecks;
using NeedsMap.Api.Channels.Plugins;

namespace NeedsMap.Api.Operations.Health;

/// <summary>Ready once the plugin folder has been scanned: before that, an inbox would answer 404 for a deployed channel.</summary>
public sealed class PluginHostHealthCheck(ChannelPluginCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.LastScannedAt is { } at
            ? HealthCheckResult.Healthy($"{catalog.Plugins.Count} plugin(s), scanned {at:O}")
            : HealthCheckResult.Unhealthy("the plugin folder has not been scanned yet"));
}
