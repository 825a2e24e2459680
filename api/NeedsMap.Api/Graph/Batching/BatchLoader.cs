using GraphQL.DataLoader;

namespace NeedsMap.Api.Graph.Batching;

/// <summary>
/// Collects the keys a whole level of the query asks for and fetches them in one call when the executor first
/// awaits a result; GraphQL.NET's engine drives this through <see cref="IDataLoaderResult"/>.
/// One instance serves one request (register it scoped).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim holds no handle until AvailableWaitHandle is read, which this code never does; it lives as long as its owner.")]
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly HashSet<TKey> _pending = [];
    private readonly Dictionary<TKey, TValue> _loaded = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_pending)
        {
            if (!_loaded.ContainsKey(key))
            {
                _pending.Add(key);
            }
        }
        return new Result(this, key);
    }

    private async Task<TValue?> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            TKey[] batch;
            lock (_pending)
            {
                batch = [.. _pending];
                _pending.Clear();
            }
            if (batch.Length > 0)
            {
                foreach (var (k, v) in await fetch(batch, cancellationToken))
                {
                    _loaded[k] = v;
                }
            }
            return _loaded.GetValueOrDefault(key);
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
