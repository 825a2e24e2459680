using System.Collections.Immutable;

namespace NeedsMap.Api.Loop;

/// <summary>Fans changes out to this process's subscribers. Observers must not block.</summary>
public sealed class ChangeHub<T> : IObservable<T>
{
    private ImmutableArray<IObserver<T>> _observers = [];

    public int SubscriberCount => _observers.Length;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ImmutableInterlocked.Update(ref _observers, list => list.Add(observer));
        return new Subscription(this, observer);
    }

    public void Publish(T change)
    {
        foreach (var observer in _observers)
        {
            observer.OnNext(change);
        }
    }

    private sealed class Subscription(ChangeHub<T> hub, IObserver<T> observer) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref hub._observers, list => list.Remove(observer));
    }
}
