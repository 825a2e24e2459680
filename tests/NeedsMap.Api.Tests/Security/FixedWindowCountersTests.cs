using NeedsMap.Api.Security.Auth.RateLimits;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Security;

/// <summary>The rate limit's counting (issue #18: no timer walking every caller; idle callers forgotten).</summary>
public sealed class FixedWindowCountersTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_caller_gets_its_permits_per_window_then_the_time_until_the_window_resets()
    {
        var counters = new FixedWindowCounters(_clock);
        Assert.True(counters.TryTake("sub:a", 2, Minute, out _));
        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(counters.TryTake("sub:a", 2, Minute, out _));
        Assert.False(counters.TryTake("sub:a", 2, Minute, out var retry));
        Assert.Equal(TimeSpan.FromSeconds(40), retry);
        // Another caller has its own window.
        Assert.True(counters.TryTake("sub:b", 2, Minute, out _));
        _clock.Advance(TimeSpan.FromSeconds(40));
        Assert.True(counters.TryTake("sub:a", 2, Minute, out _));
    }

    [Fact]
    public void Twenty_thousand_callers_that_go_quiet_are_forgotten_by_the_next_request_after_a_window_and_nothing_runs_meanwhile()
    {
        var counters = new FixedWindowCounters(_clock);
        for (var i = 0; i < 20_000; i++)
        {
            Assert.True(counters.TryTake($"sub:{i}", 600, Minute, out _));
        }
        Assert.Equal(20_000, counters.Count);
        // No timer: with the clock standing still nothing changes however long the test waits.
        Assert.Equal(20_000, counters.Count);
        _clock.Advance(Minute + Minute);
        Assert.True(counters.TryTake("sub:active", 600, Minute, out _));
        Assert.Equal(1, counters.Count);
    }

    [Fact]
    public void Beside_twenty_thousand_idle_callers_a_busy_caller_is_still_held_to_its_permits_and_its_window_resets_on_use()
    {
        var counters = new FixedWindowCounters(_clock);
        for (var i = 0; i < 20_000; i++)
        {
            Assert.True(counters.TryTake($"sub:{i}", 600, Minute, out _));
        }
        _clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(counters.TryTake("sub:busy", 3, Minute, out _));
        }
        Assert.False(counters.TryTake("sub:busy", 3, Minute, out var retryAfter));
        Assert.Equal(Minute, retryAfter);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(counters.TryTake("sub:busy", 3, Minute, out retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
        // Reset by the request that finds the window over, not by a timer.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(counters.TryTake("sub:busy", 3, Minute, out _));
    }

    [Fact]
    public void Concurrent_requests_of_one_caller_never_take_more_than_its_permits()
    {
        var counters = new FixedWindowCounters(_clock);
        var granted = 0;
        Parallel.For(0, 10_000, attempt =>
        {
            if (counters.TryTake("ip:127.0.0.1", 120, Minute, out _))
            {
                Interlocked.Increment(ref granted);
            }
        });
        Assert.Equal(120, granted);
    }
}
