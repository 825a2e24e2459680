using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Filtering;
using NeedsMap.Api.Security;
using NpgsqlTypes;

namespace NeedsMap.Api.Cases;

/// <summary>Reads cases and their needs through the caller's scope: a case is found when one of its needs is visible, and shows only those.</summary>
public sealed class CaseReader(NeedsMapDbContext db, NeedFilterSql filterSql, AccessScope scope)
{
    public const string TypeName = "Case";

    public async Task<Case?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await NeedsAsync(id, cancellationToken)).Count == 0 ? null : await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<List<Need>> NeedsAsync(long caseId, CancellationToken cancellationToken)
    {
        var p = new SqlParameters();
        var sql = $"SELECT n.* FROM needs n WHERE n.case_id = {p.Add(caseId, NpgsqlDbType.Bigint)} AND {filterSql.Where(scope.Restrict(null), p)}";
        return db.Needs.FromSqlRaw(sql, [.. p.All]).AsNoTracking().OrderBy(n => n.ReceivedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);
    }
}
