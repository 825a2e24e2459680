using NeedsMap.Api.Filtering;
using NeedsMap.Api.Needs.Filtering;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// Fans need changes out to this process's subscribers. Subscribers are indexed by the jurisdictions their filter
/// confines them to (<see cref="NeedRouting"/>), so an event is matched against the few subscribers whose area
/// holds it, not against all of them: with thousands of community subscribers, each event meets a handful of
/// filters. The full filter still decides. Observers must not block.
/// </summary>
public sealed class NeedChangeHub(NeedFilterMatcher matcher, ReferenceData reference)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Subscriber>> _byPath = new(StringComparer.Ordinal);
    private readonly List<Subscriber> _anywhere = [];
    private int _count;

    public int SubscriberCount => Volatile.Read(ref _count);

    /// <summary>The changes that match <paramref name="filter"/>, as a stream; subscribing registers with the index.</summary>
    public IObservable<NeedChange> Where(NeedFilter? filter) => new Filtered(this, filter);

    public IDisposable Subscribe(NeedFilter? filter, IObserver<NeedChange> observer)
    {
        var subscriber = new Subscriber(filter, observer, NeedRouting.Paths(filter, reference.Current));
        lock (_gate)
        {
            foreach (var list in ListsOf(subscriber, create: true))
            {
                list.Add(subscriber);
            }
            _count++;
        }
        return new Subscription(this, subscriber);
    }

    /// <summary>Hands <paramref name="change"/> to every subscriber whose filter matches it, on this thread.</summary>
    public void Publish(NeedChange change) => Publish(change, static (observer, c) => observer.OnNext(c));

    /// <summary>Calls <paramref name="deliver"/> for every subscriber whose filter matches <paramref name="change"/>.</summary>
    public void Publish(NeedChange change, Action<IObserver<NeedChange>, NeedChange> deliver)
    {
        var path = change.Need.JurisdictionPath;
        var candidates = new List<Subscriber>();
        lock (_gate)
        {
            candidates.AddRange(_anywhere);
            // Every ancestor's path is a prefix of this one ending in '.', and so is the need's own.
            for (var i = path.IndexOf('.'); i >= 0; i = path.IndexOf('.', i + 1))
            {
                if (_byPath.TryGetValue(path[..(i + 1)], out var list))
                {
                    candidates.AddRange(list);
                }
            }
        }
        foreach (var subscriber in candidates)
        {
            if (matcher.Matches(subscriber.Filter, change.Need))
            {
                deliver(subscriber.Observer, change);
            }
        }
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_gate)
        {
            var removed = false;
            foreach (var list in ListsOf(subscriber, create: false))
            {
                removed |= list.Remove(subscriber);
            }
            if (removed)
            {
                _count--;
            }
            foreach (var path in subscriber.Paths ?? [])
            {
                if (_byPath.TryGetValue(path, out var list) && list.Count == 0)
                {
                    _byPath.Remove(path);
                }
            }
        }
    }

    private IEnumerable<List<Subscriber>> ListsOf(Subscriber subscriber, bool create)
    {
        if (subscriber.Paths is null)
        {
            yield return _anywhere;
            yield break;
        }
        foreach (var path in subscriber.Paths)
        {
            if (!_byPath.TryGetValue(path, out var list))
            {
                if (!create)
                {
                    continue;
                }
                _byPath[path] = list = [];
            }
            yield return list;
        }
    }

    private sealed record Subscriber(NeedFilter? Filter, IObserver<NeedChange> Observer, IReadOnlyList<string>? Paths);

    private sealed class Subscription(NeedChangeHub hub, Subscriber subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub.Remove(subscriber);
            }
        }
    }

    private sealed class Filtered(NeedChangeHub hub, NeedFilter? filter) : IObservable<NeedChange>
    {
        public IDisposable Subscribe(IObserver<NeedChange> observer) => hub.Subscribe(filter, observer);
    }
}
