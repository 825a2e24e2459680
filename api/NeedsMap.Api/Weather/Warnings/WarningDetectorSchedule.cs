namespace NeedsMap.Api.Weather.Warnings;

/// <summary>
/// When a nudged detector run may start. Counted needs nudge the detector after every batch, so under steady ingest (a
/// hotline's day, a bulk import, 1,000 needs a second) an undamped detector would run back to back: each run reads every
/// need of its window and baseline, so it cost a third of a core on two cores (bench/results/subscribers-20000.md,
/// 2026-12-05). Warnings are judged on city-day windows, so a warning a minute late loses nothing; a nudged run waits for
/// the burst to settle and for <c>NeedsMap:Weather:DetectorMinimumGapSeconds</c> (60 by default) since the last run began.
/// </summary>
public static class WarningDetectorSchedule
{
    public const int DefaultMinimumGapSeconds = 60;

    /// <summary>The wait before a nudged run, <paramref name="sinceLastRun"/> after the last run began (null: none yet).</summary>
    public static TimeSpan WaitAfterNudge(TimeSpan? sinceLastRun, TimeSpan burstDelay, TimeSpan minimumGap)
    {
        var gapLeft = sinceLastRun is { } since ? minimumGap - since : TimeSpan.Zero;
        return gapLeft > burstDelay ? gapLeft : burstDelay;
    }
}
