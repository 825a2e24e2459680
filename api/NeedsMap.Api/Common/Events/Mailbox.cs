using System.Collections.Concurrent;

namespace NeedsMap.Api.Common.Events;

/// <summary>
/// A mailbox that one thread of its own drains, blocking while it is empty: producers post and wake it, and the thread takes
/// what is there in batches. The need-change listener's publishing thread and the fan-out lanes each drain one.
/// </summary>
public sealed class Mailbox<T> : IDisposable
{
    private readonly ConcurrentQueue<T> _items = new();
    private readonly ManualResetEventSlim _wake = new(false);

    public void Post(T item)
    {
        _items.Enqueue(item);
        _wake.Set();
    }

    /// <summary>
    /// Waits until something is queued (or <paramref name="cancellationToken"/> fires), then moves up to
    /// <paramref name="max"/> items into <paramref name="batch"/>, which it clears first.
    /// </summary>
    public void Take(List<T> batch, int max, CancellationToken cancellationToken)
    {
        if (_items.IsEmpty)
        {
            _wake.Wait(cancellationToken);
        }
        // Reset before taking: an item posted from here on sets it again, so none is left waiting unseen.
        _wake.Reset();
        batch.Clear();
        while (batch.Count < max && _items.TryDequeue(out var item))
        {
            batch.Add(item);
        }
    }

    public void Dispose() => _wake.Dispose();
}
