namespace NeedsMap.Api.Graph.Relay;

/// <summary>
/// Relay pages over a short list already in memory (the classifier's models), in the list's order, the cursor naming an
/// item's key: a page stays correct when items are added at the end. <c>totalCount</c> is the list's length.
/// </summary>
public static class ListPaging
{
    private const string CursorType = "ListCursor";

    public static Connection<T> Page<T>(IReadOnlyList<T> items, Func<T, string> key, PageRequest page)
    {
        var start = 0;
        var end = items.Count;
        if (page.Cursor is { } cursor)
        {
            var (type, raw) = GlobalId.Decode(cursor);
            var at = type == CursorType ? IndexOf(items, key, raw) : -1;
            if (at < 0)
            {
                throw new DomainException(ErrorCodes.InvalidCursor, "The cursor is not one this server issued (or its item is gone).");
            }
            (start, end) = page.Backward ? (0, at) : (at + 1, items.Count);
        }
        var from = page.Backward ? Math.Max(start, end - page.Size) : start;
        var to = page.Backward ? end : Math.Min(end, start + page.Size);
        var edges = Enumerable.Range(from, to - from).Select(i => new Edge<T>(GlobalId.Encode(CursorType, key(items[i])), items[i])).ToList();
        var info = new PageInfo(!page.Backward && to < end, page.Backward && from > start, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<T>(edges, info, _ => Task.FromResult(items.Count));
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, string> key, string raw)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(key(items[i]), raw, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
