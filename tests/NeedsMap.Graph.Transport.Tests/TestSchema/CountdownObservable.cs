namespace NeedsMap.Graph.Transport.Tests.TestSchema;

/// <summary>A cold observable counting down to 1 on a background task; disposing the subscription stops it.</summary>
public sealed class CountdownObservable(int count, int delayMs) : IObservable<int>
{
    public IDisposable Subscribe(IObserver<int> observer)
    {
        var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            try
            {
                for (var value = count; value > 0; value--)
                {
                    if (delayMs > 0)
                        await Task.Delay(delayMs, stop.Token);
                    stop.Token.ThrowIfCancellationRequested();
                    observer.OnNext(value);
                }
                observer.OnCompleted();
            }
            catch (OperationCanceledException)
            {
                // Unsubscribed.
            }
        });
        return new Unsubscriber(stop);
    }

    private sealed class Unsubscriber(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose() => stop.Cancel();
    }
}
