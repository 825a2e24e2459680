using System.Collections.Immutable;

namespace NeedsMap.Api.Cells.Events;

/// <summary>Fans events out to this process's subscribers. Observers must not block.</summary>
public class Hub<T> : IObservable<T>
{
    private ImmutableArray<IObserver<T>> _observers = [];

    public int SubscriberCount => _observers.Length;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ImmutableInterlocked.Update(ref _observers, list => list.Add(observer));
        return new Subscription(this, observer);
    }

    public void Publish(T value)
    {
        foreach (var observer in _observers)
        {
            observer.OnNext(value);
        }
    }

    private sealed class Subscription(Hub<T> hub, IObserver<T> observer) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref hub._observers, list => list.Remove(observer));
    }
}

/// <summary>A cell whose demand changed; clients refetch what they show of it.</summary>
public sealed record CellChange(string CellId, string JurisdictionCode, string JurisdictionPath)
{
    /// <summary>Filled in for subscribers, from the grid captured when they subscribed.</summary>
    public NetTopologySuite.Geometries.Polygon? Polygon { get; init; }
}

public sealed class CellChangeHub : Hub<CellChange>;

public sealed class WarningHub : Hub<Warnings.DemandWarning>;
