namespace NeedsMap.Api.Partitions;

/// <summary>
/// Makes the coming quarters' partitions once while the server starts (before it takes requests, so the first run
/// never races the first writes) and every few hours after; idempotent: a partition that exists is left alone. A
/// failure (the database away) is logged and tried again at the next turn; the server keeps serving, and needs of a
/// quarter without its partition land in the DEFAULT partition meanwhile.
/// </summary>
internal sealed class PartitionUpkeepJob(PartitionUpkeep upkeep, TimeProvider time, ILogger<PartitionUpkeepJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken);
            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var made = await upkeep.EnsureAheadAsync(cancellationToken);
            if (made.Count > 0)
            {
                logger.LogInformation("Made the partitions {Partitions}", string.Join(", ", made));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not make the coming quarters' partitions; trying again in {Interval}", Interval);
        }
    }
}
