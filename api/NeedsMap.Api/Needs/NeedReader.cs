using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Security.Auth;
using NpgsqlTypes;

namespace NeedsMap.Api.Needs;

/// <summary>Reads pages of needs by keyset, in SQL built from one <see cref="NeedFilter"/> translation.</summary>
public sealed class NeedReader(NeedsMapDbContext db, NeedFilterSql filterSql, AccessScope scope, IEnumerable<INeedCountShortcut> shortcuts)
{
    public async Task<Connection<Need>> PageAsync(NeedFilter? filter, NeedOrder order, PageRequest page, CancellationToken cancellationToken)
    {
        var cursor = page.Cursor is null ? (NeedCursor?)null : NeedCursor.Decode(page.Cursor, order);
        var parameters = new SqlParameters();
        var where = filterSql.Where(scope.Restrict(filter), parameters);
        // Reading backward is reading forward in the opposite order, then reversing the page.
        var descending = (order == NeedOrder.ReceivedAtDesc) != page.Backward;
        var direction = descending ? "DESC" : "ASC";
        var keyset = "TRUE";
        if (cursor is { } c)
        {
            var comparison = descending ? "<" : ">";
            keyset = $"(n.received_at, n.id) {comparison} ({parameters.Add(c.ReceivedAt.UtcDateTime, NpgsqlDbType.TimestampTz)}, {parameters.Add(c.Id, NpgsqlDbType.Bigint)})";
        }
        var sql = $"SELECT n.* FROM needs n WHERE {where} AND {keyset} ORDER BY n.received_at {direction}, n.id {direction} LIMIT {page.Size + 1}";
        var rows = await db.Needs.FromSqlRaw(sql, [.. parameters.All]).AsNoTracking().ToListAsync(cancellationToken);
        var hasMore = rows.Count > page.Size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        if (page.Backward)
        {
            rows.Reverse();
        }
        var edges = rows.Select(n => new Edge<Need>(new NeedCursor(order, n.ReceivedAt, n.Id).Encode(), n)).ToList();
        var info = new PageInfo(
            HasNextPage: !page.Backward && hasMore,
            HasPreviousPage: page.Backward && hasMore,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);
        return new Connection<Need>(edges, info, ct => CountAsync(filter, ct));
    }

    public async Task<int> CountAsync(NeedFilter? filter, CancellationToken cancellationToken)
    {
        var restricted = scope.Restrict(filter);
        // A bbox over years of needs matches tens of thousands of rows, one heap page each: a rollup answers most of it exactly.
        if (restricted is not null)
        {
            foreach (var shortcut in shortcuts)
            {
                if (await shortcut.TryCountAsync(restricted, cancellationToken) is { } counted)
                {
                    return counted;
                }
            }
        }
        var parameters = new SqlParameters();
        var sql = $"SELECT n.* FROM needs n WHERE {filterSql.Where(restricted, parameters)}";
        return await db.Needs.FromSqlRaw(sql, [.. parameters.All]).CountAsync(cancellationToken);
    }

    public Task<Need?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var sql = $"SELECT n.* FROM needs n WHERE n.id = {parameters.Add(id, NpgsqlDbType.Bigint)} AND {filterSql.Where(scope.NeedFilter, parameters)}";
        return db.Needs.FromSqlRaw(sql, [.. parameters.All]).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }
}
