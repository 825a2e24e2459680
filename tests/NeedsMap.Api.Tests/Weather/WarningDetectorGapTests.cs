using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Warnings;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>The API with a short minimum gap between nudged detector runs, and the detector's runs recorded as they are logged.</summary>
public sealed class DetectorGapHost : NeedsMapHost
{
    public const int GapSeconds = 3;

    internal DetectorRuns Runs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Weather:DetectorIntervalSeconds", "3600");
        builder.UseSetting("NeedsMap:Weather:BurstDelayMilliseconds", "50");
        builder.UseSetting("NeedsMap:Weather:DetectorMinimumGapSeconds", GapSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureLogging(logging => logging.AddProvider(Runs).AddFilter<DetectorRuns>(typeof(WarningDetectorService).FullName, LogLevel.Debug));
    }

    /// <summary>When each detector run was logged (the service logs one line a run at Debug).</summary>
    internal sealed class DetectorRuns : ILoggerProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _at = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public IReadOnlyList<TimeSpan> At => [.. _at];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName == typeof(WarningDetectorService).FullName ? this : null);

        public void Dispose()
        {
        }

        private sealed class Logger(DetectorRuns? runs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => runs is not null;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (runs is not null && formatter(state, exception).StartsWith("The warning detectors ran", StringComparison.Ordinal))
                {
                    runs._at.Enqueue(runs._clock.Elapsed);
                }
            }
        }
    }
}

/// <summary>
/// Counted needs nudge the warning detector after every batch; under steady ingest the detector must not run back to back
/// (each run reads the whole window), but at most once per minimum gap — and still run after a nudge.
/// </summary>
public sealed class WarningDetectorGapTests(DetectorGapHost host) : IClassFixture<DetectorGapHost>
{
    [Fact]
    public void A_nudged_run_waits_for_the_burst_and_for_the_gap_since_the_last_run()
    {
        var burst = TimeSpan.FromSeconds(1);
        var gap = TimeSpan.FromSeconds(60);
        Assert.Equal(burst, WarningDetectorSchedule.WaitAfterNudge(null, burst, gap));
        Assert.Equal(TimeSpan.FromSeconds(50), WarningDetectorSchedule.WaitAfterNudge(TimeSpan.FromSeconds(10), burst, gap));
        Assert.Equal(burst, WarningDetectorSchedule.WaitAfterNudge(TimeSpan.FromSeconds(59.5), burst, gap));
        Assert.Equal(burst, WarningDetectorSchedule.WaitAfterNudge(TimeSpan.FromMinutes(5), burst, gap));
        Assert.Equal(burst, WarningDetectorSchedule.WaitAfterNudge(TimeSpan.FromSeconds(10), burst, TimeSpan.Zero));
    }

    [Fact]
    public async Task Steady_nudges_run_the_detector_once_per_gap_not_once_per_batch()
    {
        var trigger = host.Services.GetRequiredService<WarningDetectorTrigger>();
        trigger.Nudge();
        await UntilAsync(() => host.Runs.At.Count >= 1, "a nudged run");
        var first = host.Runs.At.Count;

        // Ten batches' nudges over about two seconds, as steady ingest sends them.
        for (var i = 0; i < 10; i++)
        {
            trigger.Nudge();
            await Task.Delay(200);
        }
        await UntilAsync(() => host.Runs.At.Count > first, "a run after the gap");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var runs = host.Runs.At;
        Assert.Equal(first + 1, runs.Count);
        var between = runs[^1] - runs[^2];
        // Log lines are written when a run ends; the gap counts from when it began, so the spacing is at least the gap less one run.
        Assert.True(between >= TimeSpan.FromSeconds(DetectorGapHost.GapSeconds - 1), $"two nudged runs {between.TotalMilliseconds:0} ms apart");
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"waited 30 s for {what}");
            await Task.Delay(50);
        }
    }
}
