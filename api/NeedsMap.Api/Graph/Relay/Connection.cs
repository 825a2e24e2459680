namespace NeedsMap.Api.Graph.Relay;

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>A Relay connection page; its total (<see cref="CountAsync"/>) is counted only when a client selects <c>totalCount</c>.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, Func<CancellationToken, Task<int>> CountAsync)
{
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);
}
