namespace NeedsMap.Api.Needs.Rollups;

/// <summary>
/// Counts pending changes in the background: when ingestion signals, and every few seconds in case another server
/// stored changes and stopped before counting them, or a count failed and must be retried.
/// </summary>
public sealed class RollupApplierService(RollupApplier applier, ILogger<RollupApplierService> logger) : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await applier.WaitForSignalAsync(Sweep, stoppingToken);
                await applier.ApplyAsync(null, stoppingToken);
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
