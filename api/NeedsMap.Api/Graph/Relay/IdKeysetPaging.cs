using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace NeedsMap.Api.Graph.Relay;

/// <summary>
/// Relay pages over an EF query by a long id, newest (highest id) first, read by keyset (<c>id &lt; cursor</c>) rather than
/// by offset, so a page stays correct while rows are added. The connections of the loop's lists use it; <c>totalCount</c>
/// counts the same query, only when selected.
/// </summary>
public static class IdKeysetPaging
{
    private const string CursorType = "IdCursor";

    public static async Task<Connection<T>> PageAsync<T>(IQueryable<T> query, Expression<Func<T, long>> id, PageRequest page,
        CancellationToken cancellationToken)
    {
        var slice = query;
        if (page.Cursor is { } cursor)
        {
            // Forward pages go down from the cursor; backward pages go up from it and are reversed below.
            var key = Expression.Constant(Decode(cursor));
            var compare = page.Backward ? Expression.GreaterThan(id.Body, key) : Expression.LessThan(id.Body, key);
            slice = slice.Where(Expression.Lambda<Func<T, bool>>(compare, id.Parameters));
        }
        slice = page.Backward ? slice.OrderBy(id) : slice.OrderByDescending(id);
        var rows = await slice.Take(page.Size + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > page.Size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        if (page.Backward)
        {
            rows.Reverse();
        }
        var idOf = id.Compile();
        var edges = rows.Select(r => new Edge<T>(Encode(idOf(r)), r)).ToList();
        var info = new PageInfo(!page.Backward && hasMore, page.Backward && hasMore, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<T>(edges, info, ct => query.CountAsync(ct));
    }

    private static string Encode(long id) => GlobalId.Encode(CursorType, id.ToString(CultureInfo.InvariantCulture));

    private static long Decode(string cursor)
    {
        try
        {
            if (GlobalId.TryDecodeLong(cursor, CursorType, out var id))
            {
                return id;
            }
        }
        catch (DomainException)
        {
        }
        throw new DomainException(ErrorCodes.InvalidCursor, "The cursor is not one this server issued.");
    }
}
