namespace NeedsMap.Api.Weather.Warnings;

/// <summary>
/// Runs the demand and social-risk detectors every <c>NeedsMap:Weather:DetectorIntervalSeconds</c> (300 by default) and shortly after
/// ingestion nudges it, waiting <c>NeedsMap:Weather:BurstDelayMilliseconds</c> (1000) so a burst is tested once.
/// </summary>
public sealed class WarningDetectorService(IServiceScopeFactory scopes, WarningDetectorTrigger trigger, IConfiguration configuration,
    ILogger<WarningDetectorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("NeedsMap:Weather:DetectorIntervalSeconds", 300));
        var burstDelay = TimeSpan.FromMilliseconds(configuration.GetValue("NeedsMap:Weather:BurstDelayMilliseconds", 1000));
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                timeout.CancelAfter(interval);
                try
                {
                    await trigger.Nudges.ReadAsync(timeout.Token);
                    await Task.Delay(burstDelay, stoppingToken);
                    trigger.Nudges.TryRead(out _);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The interval passed without a nudge: a periodic run.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WarningDetector>().DetectAsync(null, stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Risk.SocialRiskDetector>().DetectAsync(null, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The warning detector failed; it will run again");
            }
        }
    }
}
