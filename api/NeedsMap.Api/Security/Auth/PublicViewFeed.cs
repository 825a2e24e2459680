using System.Collections.Immutable;
using System.Diagnostics;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// What the public hears live of an aggregate: an item (a cell, a jurisdiction's key matters) when the public's answer for it
/// changes, and never otherwise. The raw change events name the place of every counted need within a second, also where the
/// small-group rule hides it (one need in a quiet hamlet), so passing them on to the public would undo the rule by timing.
/// After changes under a watched key, a feed reads the public's answer for the key (at most once an <see cref="Interval"/>,
/// however many listen), compares each item with the last reading and publishes the items that appeared, changed or went.
/// A key's first reading is its baseline and publishes nothing. Changes that showed nothing are read once more an interval
/// later, for a read replica (Data/ReadDatabase) that had not replayed them yet. The answers are for windows ending today, so
/// every watched key is read again when the city day turns. The raw events are heard only while someone watches, so the
/// listeners' shortcut for nobody listening still skips their work on every notification. Anyone may open public sockets and watch every key, so the
/// readings are bounded by time, not by keys: after readings that took t, the next start no sooner than
/// <see cref="PauseFactor"/> × t later, so they hold one database connection at most a fifth of the time.
/// </summary>
/// <typeparam name="TKey">What a subscriber watches (a resolution, a jurisdiction).</typeparam>
/// <typeparam name="TItem">One item of the public's answer, compared by value.</typeparam>
public abstract class PublicViewFeed<TKey, TItem>(IServiceScopeFactory scopes, ReferenceData reference, IConfiguration configuration, ILogger logger) : BackgroundService where TKey : notnull
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>How many times as long as the last readings took the feed waits before the next.</summary>
    public const int PauseFactor = 4;

    /// <summary>How often the loop looks at the city day when nothing changes.</summary>
    private static readonly TimeSpan DayCheck = TimeSpan.FromMinutes(1);

    private readonly int _minimumGroup = PrivacySettings.From(configuration).MinimumPublicGroup;
    private readonly object _gate = new();
    private readonly Dictionary<TKey, int> _watchers = [];
    private ImmutableHashSet<TKey> _watched = [];
    private readonly HashSet<TKey> _pending = [];
    private readonly SemaphoreSlim _signal = new(0);
    private IDisposable? _raw;

    // Owned by the loop.
    private readonly Dictionary<TKey, IReadOnlyDictionary<string, TItem>> _last = [];
    private DateOnly _readDay;

    /// <summary>Whether a public subscriber watches <paramref name="key"/>: cheap, for the hot path of raw events.</summary>
    protected bool IsWatched(TKey key) => _watched.Contains(key);

    /// <summary>The city's jurisdictions and categories, as the readings were made with.</summary>
    protected ReferenceData Reference => reference;

    /// <summary>The keys public subscribers watch.</summary>
    protected ImmutableHashSet<TKey> Watched => _watched;

    /// <summary>Whether <paramref name="key"/> has its baseline, so that its next change is heard (for tests that must not race it).</summary>
    internal bool HasBaseline(TKey key)
    {
        lock (_last)
        {
            return _last.ContainsKey(key);
        }
    }

    /// <summary>
    /// <paramref name="events"/> (the public's hub, filtered for one subscriber) for as long as the subscriber listens, with
    /// <paramref name="key"/> watched meanwhile: only watched keys are read.
    /// </summary>
    public IObservable<T> Following<T>(TKey key, IObservable<T> events) => new Follow<T>(this, key, events);

    /// <summary>Something under these keys changed: read them at the next interval if anyone watches them.</summary>
    protected void Changed(IEnumerable<TKey> keys)
    {
        var any = false;
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_watched.Contains(key))
                {
                    any |= _pending.Add(key);
                }
            }
        }
        if (any)
        {
            _signal.Release();
        }
    }

    /// <summary>Everything may have changed (a rebuild): read every watched key.</summary>
    public void EverythingChanged() => Changed(_watched);

    /// <summary>Starts hearing the raw change events (calling <see cref="Changed"/>); disposed when nobody watches any more.</summary>
    protected abstract IDisposable HearRawChanges();

    /// <summary>The city's today, the last day of the windows the readings ask for.</summary>
    protected abstract DateOnly Today { get; }

    /// <summary>The public's answer for <paramref name="key"/>, read with <paramref name="services"/> (a scope whose caller is the public), by item.</summary>
    protected abstract Task<IReadOnlyDictionary<string, TItem>> ReadAsync(IServiceProvider services, TKey key, CancellationToken cancellationToken);

    /// <summary>Tells the public that <paramref name="item"/> of <paramref name="key"/> changed: <paramref name="now"/> or <paramref name="before"/> is null when it appeared or went.</summary>
    protected abstract void Publish(TKey key, string item, TItem? now, TItem? before);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recheck = new HashSet<TKey>();
        var pause = Interval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var signalled = await _signal.WaitAsync(recheck.Count > 0 ? pause : DayCheck, stoppingToken);
                if (signalled)
                {
                    // Gather what else arrives meanwhile into the same readings.
                    await Task.Delay(pause, stoppingToken);
                    while (_signal.CurrentCount > 0)
                    {
                        await _signal.WaitAsync(stoppingToken);
                    }
                }
                HashSet<TKey> keys;
                lock (_gate)
                {
                    keys = [.. _pending];
                    _pending.Clear();
                    ForgetUnwatched();
                }
                if (Today != _readDay)
                {
                    keys.UnionWith(_watched);
                }
                var rechecked = new HashSet<TKey>(recheck);
                keys.UnionWith(recheck);
                recheck.Clear();
                if (keys.Count == 0)
                {
                    continue;
                }
                _readDay = Today;
                var started = Stopwatch.GetTimestamp();
                foreach (var key in keys.Where(_watched.Contains))
                {
                    if (!await ReadAndPublishAsync(key, stoppingToken) && !rechecked.Contains(key))
                    {
                        recheck.Add(key);
                    }
                }
                var spent = Stopwatch.GetElapsedTime(started);
                pause = spent * PauseFactor > Interval ? spent * PauseFactor : Interval;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                _raw?.Dispose();
                _raw = null;
            }
        }
    }

    /// <summary>Reads one key and publishes what changed; false when a reading against a baseline showed no change.</summary>
    private async Task<bool> ReadAndPublishAsync(TKey key, CancellationToken stoppingToken)
    {
        IReadOnlyDictionary<string, TItem> now;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var access = scope.ServiceProvider.GetRequiredService<AccessScope>();
            access.Establish(new Caller("public-view-feed", RoleRights.Public, null, null, Authenticated: false), reference.Current, _minimumGroup);
            now = await ReadAsync(scope.ServiceProvider, key, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The database may be down: the next change reads again; meanwhile the public hears nothing, as it sees nothing new.
            logger.LogWarning(ex, "Could not read the public's answer for {Key}", key);
            return true;
        }
        IReadOnlyDictionary<string, TItem>? before;
        lock (_last)
        {
            before = _last.GetValueOrDefault(key);
            _last[key] = now;
        }
        if (before is null)
        {
            return true;
        }
        var comparer = EqualityComparer<TItem>.Default;
        var changed = false;
        foreach (var (item, value) in now)
        {
            if (!before.TryGetValue(item, out var old) || !comparer.Equals(old, value))
            {
                Publish(key, item, value, before.GetValueOrDefault(item));
                changed = true;
            }
        }
        foreach (var (item, old) in before.Where(b => !now.ContainsKey(b.Key)))
        {
            Publish(key, item, default, old);
            changed = true;
        }
        return changed;
    }

    /// <summary>A key nobody watches loses its baseline: watched again later, it starts from a new one.</summary>
    private void ForgetUnwatched()
    {
        lock (_last)
        {
            foreach (var key in _last.Keys.Where(k => !_watched.Contains(k)).ToList())
            {
                _last.Remove(key);
            }
        }
    }

    private void Watch(TKey key)
    {
        lock (_gate)
        {
            _watchers[key] = _watchers.GetValueOrDefault(key) + 1;
            _watched = _watched.Add(key);
            _pending.Add(key);
            _raw ??= HearRawChanges();
        }
        _signal.Release();
    }

    private void Unwatch(TKey key)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(key, out var count) && count > 1)
            {
                _watchers[key] = count - 1;
                return;
            }
            _watchers.Remove(key);
            _watched = _watched.Remove(key);
            if (_watched.IsEmpty)
            {
                _raw?.Dispose();
                _raw = null;
            }
        }
    }

    private sealed class Follow<T>(PublicViewFeed<TKey, TItem> feed, TKey key, IObservable<T> events) : IObservable<T>
    {
        public IDisposable Subscribe(IObserver<T> observer)
        {
            var subscription = events.Subscribe(observer);
            feed.Watch(key);
            return new Handle(feed, key, subscription);
        }
    }

    private sealed class Handle(PublicViewFeed<TKey, TItem> feed, TKey key, IDisposable subscription) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                subscription.Dispose();
                feed.Unwatch(key);
            }
        }
    }
}
