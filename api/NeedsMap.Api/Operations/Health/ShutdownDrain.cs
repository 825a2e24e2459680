using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace NeedsMap.Api.Operations.Health;

/// <summary>
/// Turns readiness off the moment the host starts stopping (before sockets are told 1001 and listeners close), then holds
/// the stop for <see cref="OperationsSettings.DrainDelay"/> so readiness pollers notice while requests are still served.
/// </summary>
public sealed class ShutdownDrain(IHostApplicationLifetime lifetime, IOptions<OperationsSettings> settings) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _draining;

    public bool Draining => _draining;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _draining = true);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        if (settings.Value.DrainDelay > TimeSpan.Zero)
        {
            await Task.Delay(settings.Value.DrainDelay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy("draining: the server is shutting down") : HealthCheckResult.Healthy());
}
