namespace NeedsMap.Api.Common.Events;

/// <summary>The operators subscriptions and feeds need (filter, map, a callback), without taking System.Reactive for them.</summary>
internal static class ObservableOperators
{
    public static IObservable<T> Where<T>(this IObservable<T> source, Func<T, bool> predicate) => new Filtered<T>(source, predicate);

    public static IObservable<TResult> Select<T, TResult>(this IObservable<T> source, Func<T, TResult> map) => new Mapped<T, TResult>(source, map);

    /// <summary>Calls <paramref name="onNext"/> for each event until the returned handle is disposed.</summary>
    public static IDisposable Subscribe<T>(this IObservable<T> source, Action<T> onNext) => source.Subscribe(new Callback<T>(onNext));

    private sealed class Callback<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => onNext(value);
    }

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

    private sealed class Mapped<T, TResult>(IObservable<T> source, Func<T, TResult> map) : IObservable<TResult>
    {
        public IDisposable Subscribe(IObserver<TResult> observer) => source.Subscribe(new Observer(observer, map));

        private sealed class Observer(IObserver<TResult> inner, Func<T, TResult> map) : IObserver<T>
        {
            public void OnCompleted() => inner.OnCompleted();

            public void OnError(Exception error) => inner.OnError(error);

            public void OnNext(T value) => inner.OnNext(map(value));
        }
    }
}
