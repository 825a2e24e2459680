namespace NeedsMap.Api.Graph;

/// <summary>The one operator subscriptions need, without taking System.Reactive for it.</summary>
internal static class ObservableExtensions
{
    public static IObservable<T> Where<T>(this IObservable<T> source, Func<T, bool> predicate) => new Filtered<T>(source, predicate);

    private sealed class Filtered<T>(IObservable<T> source, Func<T, bool> predicate) : IObservable<T>
    {
        public IDisposable Subscribe(IObserver<T> observer) => source.Subscribe(new Observer(observer, predicate));

        private sealed class Observer(IObserver<T> inner, Func<T, bool> predicate) : IObserver<T>
        {
            public void OnCompleted() => inner.OnCompleted();

            public void OnError(Exception error) => inner.OnError(error);

            public void OnNext(T value)
            {
                if (predicate(value))
                {
                    inner.OnNext(value);
                }
            }
        }
    }
}
