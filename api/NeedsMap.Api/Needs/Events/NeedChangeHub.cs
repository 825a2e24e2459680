using System.Collections.Immutable;

namespace NeedsMap.Api.Needs.Events;

/// <summary>Fans need changes out to this process's subscribers. Observers must not block.</summary>
public sealed class NeedChangeHub : IObservable<NeedChange>
{
    private ImmutableArray<IObserver<NeedChange>> _observers = [];

    public int SubscriberCount => _observers.Length;

    public IDisposable Subscribe(IObserver<NeedChange> observer)
    {
        ImmutableInterlocked.Update(ref _observers, list => list.Add(observer));
        return new Subscription(this, observer);
    }

    public void Publish(NeedChange change)
    {
        foreach (var observer in _observers)
        {
            observer.OnNext(change);
        }
    }

    private sealed class Subscription(NeedChangeHub hub, IObserver<NeedChange> observer) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref hub._observers, list => list.Remove(observer));
    }
}
