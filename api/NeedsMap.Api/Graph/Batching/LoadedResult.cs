using GraphQL.DataLoader;

namespace NeedsMap.Api.Graph.Batching;

/// <summary>
/// A value computed from what a <see cref="BatchLoader{TKey, TValue}"/> fetches, still resolved in the loader's batch (the
/// executor awaits it with the rest of its level), or one already known.
/// </summary>
public static class LoadedResult
{
    public static IDataLoaderResult<T> Of<T>(T value) => new Mapped<T, T>(null, _ => value, value);

    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> loaded, Func<TIn, TOut> map) =>
        new Mapped<TIn, TOut>(loaded, map, default!);

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn>? loaded, Func<TIn, TOut> map, TIn known) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(loaded is null ? known : await loaded.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
