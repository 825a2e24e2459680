using System.Collections.Concurrent;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

/// <summary>
/// A cold observable counting down to 1 on a background task, then completing (or failing); disposing the
/// subscription stops it. Streams given a tag are counted while they run, so a test can see one stop.
/// </summary>
public sealed class CountdownObservable(int count, int delayMs, bool fail = false, string? tag = null) : IObservable<int>
{
    private static readonly ConcurrentDictionary<string, int> Running = new();

    public static int RunningWithTag(string tag) => Running.GetValueOrDefault(tag);

    public IDisposable Subscribe(IObserver<int> observer)
    {
        var stop = new CancellationTokenSource();
        if (tag != null)
            Running.AddOrUpdate(tag, 1, (_, n) => n + 1);
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
                if (fail)
                    observer.OnError(new InvalidOperationException("The source of events broke."));
                else
                    observer.OnCompleted();
            }
            catch (OperationCanceledException)
            {
                // Unsubscribed.
            }
            finally
            {
                if (tag != null)
                    Running.AddOrUpdate(tag, 0, (_, n) => n - 1);
            }
        });
        return new Unsubscriber(stop);
    }

    private sealed class Unsubscriber(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose() => stop.Cancel();
    }
}
