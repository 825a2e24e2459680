using System.Collections.Concurrent;

namespace NeedsMap.Api.Security.Auth.RateLimits;

/// <summary>
/// Requests per caller per fixed window, counted on arrival with no timer. ASP.NET's partitioned limiter replenishes its
/// partitions from a timer that walks every one of them every 100 ms, so 20,000 open sockets (each its own caller) cost it
/// 200,000 visits a second; here a window is reset by the request that finds it expired, and windows nobody used for a
/// whole window are swept away at most once per window, by whichever request comes after it.
/// </summary>
public sealed class FixedWindowCounters(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweep;

    /// <summary>Windows held now (callers seen within the last two windows).</summary>
    public int Count => _windows.Count;

    /// <summary>Takes one permit of <paramref name="key"/>'s window; false, with the time until it resets, when none is left.</summary>
    public bool TryTake(string key, int permits, TimeSpan length, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow().UtcTicks;
        SweepIfDue(now, length.Ticks);
        var window = _windows.GetOrAdd(key, static (_, start) => new Window(start), now);
        lock (window)
        {
            if (now - window.Start >= length.Ticks)
            {
                window.Start = now;
                window.Taken = 0;
            }
            window.LastUsed = now;
            if (window.Taken < permits)
            {
                window.Taken++;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromTicks(window.Start + length.Ticks - now);
            return false;
        }
    }

    private void SweepIfDue(long now, long length)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + length, due) != due)
        {
            return;
        }
        foreach (var (key, window) in _windows)
        {
            // A window unused for a whole window holds no permit anyone could be refused for: forgetting it changes nothing.
            if (now - Volatile.Read(ref window.LastUsed) >= length)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
            }
        }
    }

    private sealed class Window(long start)
    {
        public long Start = start;
        public int Taken;
        public long LastUsed = start;
    }
}
