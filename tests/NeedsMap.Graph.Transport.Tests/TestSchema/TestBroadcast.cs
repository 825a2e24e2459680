using System.Collections.Concurrent;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

/// <summary>
/// A hot stream per topic that a test publishes to, counting how often its events' fields are resolved, so a test can see
/// whether identical subscriptions were executed once or once each.
/// </summary>
public sealed class TestBroadcast
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<IObserver<string>, bool>> _observers = new();
    private int _resolutions;

    public int Resolutions => Volatile.Read(ref _resolutions);

    public int ObserversOf(string topic) => _observers.TryGetValue(topic, out var set) ? set.Count : 0;

    public void Publish(string topic, string text)
    {
        foreach (var observer in _observers.GetValueOrDefault(topic)?.Keys ?? Enumerable.Empty<IObserver<string>>())
            observer.OnNext(text);
    }

    public void Complete(string topic)
    {
        foreach (var observer in _observers.GetValueOrDefault(topic)?.Keys ?? Enumerable.Empty<IObserver<string>>())
            observer.OnCompleted();
    }

    internal void CountResolution() => Interlocked.Increment(ref _resolutions);

    public IObservable<string> Topic(string topic) => new Stream(this, topic);

    private sealed class Stream(TestBroadcast broadcast, string topic) : IObservable<string>
    {
        public IDisposable Subscribe(IObserver<string> observer)
        {
            broadcast._observers.GetOrAdd(topic, _ => new()).TryAdd(observer, true);
            return new Unsubscriber(() => broadcast._observers.GetOrAdd(topic, _ => new()).TryRemove(observer, out var _));
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
