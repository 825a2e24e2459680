using System.Collections.Concurrent;
using GraphQL.Transport;

namespace NeedsMap.Graph.Transport.Execution;

/// <summary>
/// What was decided about a document (text or id, and operation name), so the next request with it pays one lookup.
/// Forgotten all at once past <c>capacity</c>, so a stream of one-off documents cannot grow memory.
/// </summary>
internal sealed class DocumentMemo<TValue>(int capacity)
{
    private readonly ConcurrentDictionary<(string? Query, string? DocumentId, string? OperationName), TValue> _known = new();

    public bool TryGet(GraphQLRequest request, out TValue value) => _known.TryGetValue(KeyOf(request), out value!);

    public TValue GetOrAdd(GraphQLRequest request, Func<TValue> decide)
    {
        var key = KeyOf(request);
        if (_known.TryGetValue(key, out var known))
            return known;
        var value = decide();
        if (_known.Count >= capacity)
            _known.Clear();
        _known[key] = value;
        return value;
    }

    private static (string?, string?, string?) KeyOf(GraphQLRequest request) => (request.Query, request.DocumentId, request.OperationName);
}
