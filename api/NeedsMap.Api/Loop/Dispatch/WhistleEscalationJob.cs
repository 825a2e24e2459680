using Microsoft.Extensions.Options;
using NeedsMap.Api.Loop.Shared;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>Runs <see cref="WhistleEscalator"/> every <see cref="LoopOptions.EscalationInterval"/> on the host's clock.</summary>
public sealed class WhistleEscalationJob(IServiceScopeFactory scopes, IOptions<LoopOptions> options, TimeProvider time,
    ILogger<WhistleEscalationJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.EscalationInterval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.EscalationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var escalated = await scope.ServiceProvider.GetRequiredService<WhistleEscalator>().EscalateOverdueAsync(stoppingToken);
                    if (escalated > 0)
                    {
                        logger.LogInformation("Escalated {Count} overdue whistles", escalated);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Escalation run failed; trying again next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
