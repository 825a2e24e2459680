using System.Collections.Immutable;

namespace NeedsMap.Api.Common.Events;

/// <summary>
/// Fans events out to this process's subscribers: the one generic hub behind cells, warnings, key matters, whistles and
/// consultations (needs have their own, indexed by jurisdiction: <c>Needs/Events/NeedChangeHub</c>). Observers must not block.
/// </summary>
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
