namespace NeedsMap.Api.Needs.Rollups;

/// <summary>
/// Counts pending changes in the background: when ingestion signals, and every few seconds in case another server
/// stored changes and stopped before counting them, or a count failed and must be retried. After a signal it lets a
/// moment's deliveries gather, so a steady stream of small deliveries is counted in batches rather than one by one.
/// </summary>
public sealed class RollupApplierService(RollupApplier applier, ILogger<RollupApplierService> logger) : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await applier.WaitForSignalAsync(Sweep, stoppingToken))
                {
                    await Task.Delay(Gather, stoppingToken);
                }
                await applier.ApplyInBackgroundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Counting need changes into the derived tables failed; they stay pending and are retried");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
