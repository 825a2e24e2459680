using System.Collections.Concurrent;
using NeedsMap.Api.Failures;

namespace NeedsMap.Api.Cost;

/// <summary>
/// Each caller's share of the database, across GraphQL and tiles: at most <see cref="CostLimit.Concurrent"/> of its requests
/// run at once (the next <see cref="CostSettings.QueueLength"/> wait up to <see cref="CostSettings.QueueTimeout"/>, more are
/// refused at once), and the time its requests took is drawn from a bucket of <see cref="CostLimit.CallerSecondsPerMinute"/>
/// seconds that refills continuously; a caller whose bucket is empty is refused until it has refilled. One caller's flood
/// therefore holds a few of the pool's connections, never all of them, and others keep being answered.
/// </summary>
public sealed class CallerGate(CostSettings settings, TimeProvider clock)
{
    private const int SweepAbove = 10_000;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>A caller's partition: the subject when signed in, else the client's address (as the rate limiter does).</summary>
    public static string KeyOf(string role, bool authenticated, string subject, HttpContext http) =>
        role + "|" + (authenticated ? "sub:" + subject : "ip:" + http.Connection.RemoteIpAddress);

    /// <summary>Waits for a turn; a refusal (429 with Retry-After) when the caller's bucket is empty or its queue full or slow.</summary>
    public async Task<(IDisposable? Lease, StatusError? Refusal)> EnterAsync(string key, CostLimit limit, CancellationToken cancellationToken)
    {
        var slot = SlotOf(key, limit);
        if (slot.Overdrawn(clock.GetTimestamp(), clock) is { } wait)
        {
            return (null, new StatusError(ErrorCodes.DatabaseBudgetExhausted,
                $"Your requests used their database time ({limit.CallerSecondsPerMinute:0.#} s per minute for the role {limit.Role}); "
                + "try again after Retry-After seconds.", StatusCodes.Status429TooManyRequests, wait));
        }
        if (slot.Running.Wait(0, CancellationToken.None))
        {
            return (new Lease(slot), null);
        }
        if (Interlocked.Increment(ref slot.Waiting) > settings.QueueLength)
        {
            Interlocked.Decrement(ref slot.Waiting);
            return (null, Busy(limit));
        }
        bool entered;
        try
        {
            entered = await slot.Running.WaitAsync(settings.QueueTimeout, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref slot.Waiting);
        }
        return entered ? (new Lease(slot), null) : (null, Busy(limit));
    }

    /// <summary>Draws what a request took from its caller's bucket.</summary>
    public void Charge(string key, CostLimit limit, TimeSpan took) => SlotOf(key, limit).Charge(took.TotalSeconds, clock.GetTimestamp(), clock);

    private static StatusError Busy(CostLimit limit) => new(ErrorCodes.TooManyConcurrentRequests,
        $"Too many of your requests are running or waiting (the role {limit.Role} runs {limit.Concurrent} at once); try again after Retry-After seconds.",
        StatusCodes.Status429TooManyRequests, TimeSpan.FromSeconds(1));

    private Slot SlotOf(string key, CostLimit limit)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            return slot;
        }
        if (_slots.Count > SweepAbove)
        {
            Sweep();
        }
        return _slots.GetOrAdd(key, _ => new Slot(limit, clock.GetTimestamp()));
    }

    // Idle callers with a full bucket are forgotten; a lease still held on a forgotten slot releases into it harmlessly.
    private void Sweep()
    {
        var now = clock.GetTimestamp();
        foreach (var (key, slot) in _slots)
        {
            if (slot.Idle(now, clock))
            {
                _slots.TryRemove(key, out _);
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
        Justification = "A SemaphoreSlim holds no handle until AvailableWaitHandle is read, which this code never does; it lives as long as its owner.")]
    private sealed class Slot(CostLimit limit, long stamp)
    {
        private readonly Lock _lock = new();
        private double _balance = limit.CallerSecondsPerMinute;
        private long _stamp = stamp;
        public readonly SemaphoreSlim Running = new(limit.Concurrent, limit.Concurrent);
        public int Waiting;

        private double Rate => limit.CallerSecondsPerMinute / 60.0;

        public TimeSpan? Overdrawn(long now, TimeProvider clock)
        {
            lock (_lock)
            {
                Refill(now, clock);
                return _balance > 0 ? null : TimeSpan.FromSeconds(Math.Max(1, -_balance / Rate));
            }
        }

        public void Charge(double seconds, long now, TimeProvider clock)
        {
            lock (_lock)
            {
                Refill(now, clock);
                _balance -= seconds;
            }
        }

        public bool Idle(long now, TimeProvider clock)
        {
            lock (_lock)
            {
                Refill(now, clock);
                return Waiting == 0 && Running.CurrentCount == limit.Concurrent && _balance >= limit.CallerSecondsPerMinute;
            }
        }

        private void Refill(long now, TimeProvider clock)
        {
            _balance = Math.Min(limit.CallerSecondsPerMinute, _balance + clock.GetElapsedTime(_stamp, now).TotalSeconds * Rate);
            _stamp = now;
        }
    }

    private sealed class Lease(Slot slot) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slot.Running.Release();
            }
        }
    }
}
