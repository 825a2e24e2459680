using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph.Batching;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Security.Auth;
using NpgsqlTypes;

namespace NeedsMap.Api.Cases;

/// <summary>
/// Reads cases and their needs through the caller's scope, a whole level of the query in one round trip: a case
/// is found when one of its needs is visible, and shows only those.
/// </summary>
public sealed class CaseReader
{
    public const string TypeName = "Case";

    private readonly BatchLoader<long, Case> _cases;
    private readonly BatchLoader<long, List<Need>> _needs;

    public CaseReader(NeedsMapDbContext db, NeedFilterSql filterSql, AccessScope scope)
    {
        _cases = new(async (ids, ct) => await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct));
        _needs = new(async (ids, ct) =>
        {
            var p = new SqlParameters();
            var sql = $"SELECT n.* FROM needs n WHERE n.case_id = ANY({p.Add(ids.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint)}) "
                + $"AND {filterSql.Where(scope.Restrict(null), p)}";
            var needs = await db.Needs.FromSqlRaw(sql, [.. p.All]).AsNoTracking().ToListAsync(ct);
            var byCase = needs.ToLookup(n => n.CaseId!.Value);
            return ids.ToDictionary(id => id, id => byCase[id].OrderBy(n => n.ReceivedAt).ThenBy(n => n.Id).ToList());
        });
    }

    public IDataLoaderResult<Case?> Load(long id) => _cases.Load(id);

    public IDataLoaderResult<List<Need>?> Needs(long caseId) => _needs.Load(caseId);

    public async Task<Case?> FindAsync(long id, CancellationToken cancellationToken) =>
        await Needs(id).GetResultAsync(cancellationToken) is { Count: > 0 } ? await Load(id).GetResultAsync(cancellationToken) : null;
}
