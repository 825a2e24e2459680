using NeedsMap.Api.Common.Telemetry;

namespace NeedsMap.Api.Weather.Warnings;

/// <summary>
/// Runs the demand and social-risk detectors every <c>NeedsMap:Weather:DetectorIntervalSeconds</c> (300 by default) and after
/// ingestion nudges it, waiting <c>NeedsMap:Weather:BurstDelayMilliseconds</c> (1000) so a burst is tested once, and at least
/// <c>NeedsMap:Weather:DetectorMinimumGapSeconds</c> (60) after the last run began (<see cref="WarningDetectorSchedule"/>).
/// </summary>
public sealed class WarningDetectorService(IServiceScopeFactory scopes, WarningDetectorTrigger trigger, IConfiguration configuration,
    ILogger<WarningDetectorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("NeedsMap:Weather:DetectorIntervalSeconds", 300));
        var burstDelay = TimeSpan.FromMilliseconds(configuration.GetValue("NeedsMap:Weather:BurstDelayMilliseconds", 1000));
        var minimumGap = TimeSpan.FromSeconds(configuration.GetValue("NeedsMap:Weather:DetectorMinimumGapSeconds", WarningDetectorSchedule.DefaultMinimumGapSeconds));
        System.Diagnostics.Stopwatch? sinceLastRun = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var nudged = false;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                timeout.CancelAfter(interval);
                try
                {
                    await trigger.Nudges.ReadAsync(timeout.Token);
                    nudged = true;
                    await Task.Delay(WarningDetectorSchedule.WaitAfterNudge(sinceLastRun?.Elapsed, burstDelay, minimumGap), stoppingToken);
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
            sinceLastRun = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WarningDetector>().DetectAsync(null, stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Risk.SocialRiskDetector>().DetectAsync(null, stoppingToken);
                NeedsMapMetrics.WarningDetectorRan(nudged, sinceLastRun.Elapsed);
                logger.LogDebug("The warning detectors ran ({Reason}) in {Milliseconds:0} ms", nudged ? "nudged" : "periodic", sinceLastRun.Elapsed.TotalMilliseconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The warning detector failed; it will run again");
            }
        }
    }
}
