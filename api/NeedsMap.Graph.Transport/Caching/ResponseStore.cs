namespace NeedsMap.Graph.Transport.Caching;

/// <summary>A serialised response and the versions of the dependencies it was computed under.</summary>
internal sealed record CachedResponse(byte[] Body, IReadOnlyList<DependencyVersion> Versions)
{
    public bool IsCurrent => Versions.All(v => Equals(v.Dependency.CurrentVersion, v.Version));
}

internal readonly record struct DependencyVersion(IResponseCacheDependency Dependency, object Version);

/// <summary>Responses by key within a byte budget, the least recently used evicted first.</summary>
internal sealed class ResponseStore(long maxBytes)
{
    // What an entry costs beyond its body and key: the node, the record, the dictionary slot.
    private const int EntryOverhead = 200;

    private readonly Dictionary<string, LinkedListNode<(string Key, CachedResponse Response, long Size)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CachedResponse Response, long Size)> _recency = new();
    private readonly Lock _lock = new();
    private long _bytes;

    public long Bytes
    {
        get
        {
            lock (_lock)
                return _bytes;
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    public static long SizeOf(string key, CachedResponse response) => response.Body.Length + 2L * key.Length + EntryOverhead;

    public CachedResponse? Get(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
                return null;
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Response;
        }
    }

    /// <summary>Keeps the response unless it alone is over the budget; evicts the least recently used until all fit.</summary>
    public bool Set(string key, CachedResponse response)
    {
        var size = SizeOf(key, response);
        if (size > maxBytes)
            return false;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
                RemoveNode(existing);
            _entries[key] = _recency.AddFirst((key, response, size));
            _bytes += size;
            while (_bytes > maxBytes && _recency.Last is { } oldest)
                RemoveNode(oldest);
            return true;
        }
    }

    /// <summary>Drops the entry if it is still this response (a fresher one stored meanwhile stays).</summary>
    public void Remove(string key, CachedResponse response)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Response, response))
                RemoveNode(node);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
            _bytes = 0;
        }
    }

    private void RemoveNode(LinkedListNode<(string Key, CachedResponse Response, long Size)> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _bytes -= node.Value.Size;
    }
}
