namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>
/// The keep-alive pings of every socket from one timer. A timer per socket (a <c>PeriodicTimer</c> each) woke 20,000 times
/// per interval with 20,000 sockets open; here the sockets sit in <see cref="Slots"/> slots and each tick (an interval / slots)
/// visits one slot, so one timer serves them all and a socket is visited once per interval. A socket that sent anything
/// but a ping since its last visit is not pinged: the traffic already kept it alive.
/// </summary>
internal sealed class KeepAliveWheel : IDisposable
{
    public const int Slots = 16;
    private readonly HashSet<Entry>[] _slots = Enumerable.Range(0, Slots).Select(_ => new HashSet<Entry>()).ToArray();
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private int _current;

    /// <summary>Without an interval nothing is pinged and no timer runs.</summary>
    public KeepAliveWheel(TimeSpan? interval)
    {
        if (interval is not { } every || every <= TimeSpan.Zero)
            return;
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, every.Ticks / Slots));
        _timer = new Timer(_ => Visit(), null, tick, tick);
    }

    /// <summary>Sockets now on the wheel.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _slots.Sum(s => s.Count);
        }
    }

    /// <summary>Pings <paramref name="writer"/> about once per interval until the returned handle is disposed or it closes.</summary>
    public IDisposable Add(WebSocketWriter writer)
    {
        if (_timer is null)
            return NoEntry.Instance;
        var entry = new Entry(this, writer);
        lock (_gate)
        {
            // The slot visited last, so the first visit comes a whole interval from now.
            entry.Slot = (_current + Slots - 1) % Slots;
            entry.LastVisit = writer.LastActivity;
            _slots[entry.Slot].Add(entry);
        }
        return entry;
    }

    private void Visit()
    {
        Entry[] due;
        lock (_gate)
        {
            var slot = _slots[_current];
            _current = (_current + 1) % Slots;
            if (slot.Count == 0)
                return;
            due = [.. slot];
        }
        foreach (var entry in due)
        {
            var activity = entry.Writer.LastActivity;
            if (entry.Writer.IsClosing)
            {
                entry.Dispose();
                continue;
            }
            if (activity == entry.LastVisit)
                entry.Writer.SendPing();
            entry.LastVisit = activity;
        }
    }

    private void Remove(Entry entry)
    {
        lock (_gate)
            _slots[entry.Slot].Remove(entry);
    }

    public void Dispose() => _timer?.Dispose();

    private sealed class NoEntry : IDisposable
    {
        public static readonly NoEntry Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class Entry(KeepAliveWheel wheel, WebSocketWriter writer) : IDisposable
    {
        public WebSocketWriter Writer => writer;

        public int Slot;

        // Read and written by the timer's callback only (visits of one slot never overlap: a tick is 1/16 of the interval).
        public long LastVisit;

        public void Dispose() => wheel.Remove(this);
    }
}
