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
    private readonly BatchLoader<long, Case> _casesOfNeeds;

    private readonly bool _seesEveryNeed;

    public CaseReader(NeedsMapDbContext db, NeedFilterSql filterSql, AccessScope scope)
    {
        _seesEveryNeed = scope.Restrict(null) is null;
        _cases = new(async (ids, ct) => await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct));
        _needs = new(async (ids, ct) =>
        {
            var links = await LinksOfCasesAsync(db, ids, ct);
            var p = new SqlParameters();
            var sql = $"SELECT n.* FROM needs n WHERE n.id = ANY({p.Add(links.Keys.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint)}) "
                + $"AND {filterSql.Where(scope.Restrict(null), p)}";
            var needs = await db.Needs.FromSqlRaw(sql, [.. p.All]).AsNoTracking().ToListAsync(ct);
            var byCase = needs.ToLookup(n => links[n.Id]);
            return ids.ToDictionary(id => id, id => byCase[id].OrderBy(n => n.ReceivedAt).ThenBy(n => n.Id).ToList());
        });
        // A need's case, keyed by the need: the caller already sees the need, and sees the case through it.
        _casesOfNeeds = new(async (needIds, ct) =>
        {
            var links = await LinksOfNeedsAsync(db, needIds, ct);
            var caseIds = links.Values.Distinct().ToArray();
            var cases = await db.Set<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            return links.Where(l => cases.ContainsKey(l.Value)).ToDictionary(l => l.Key, l => cases[l.Value]);
        });
    }

    private sealed record NeedCaseLink(long NeedId, long CaseId);

    /// <summary>need id to case id, from <c>need_cases</c> (Cases/CaseLinker), for the links of these cases.</summary>
    private static Task<Dictionary<long, long>> LinksOfCasesAsync(NeedsMapDbContext db, IReadOnlyCollection<long> caseIds, CancellationToken ct) =>
        db.Database.SqlQuery<NeedCaseLink>($"SELECT need_id, case_id FROM need_cases WHERE case_id = ANY({caseIds.ToArray()})")
            .ToDictionaryAsync(l => l.NeedId, l => l.CaseId, ct);

    /// <summary>need id to case id, for these needs' links.</summary>
    private static Task<Dictionary<long, long>> LinksOfNeedsAsync(NeedsMapDbContext db, IReadOnlyCollection<long> needIds, CancellationToken ct) =>
        db.Database.SqlQuery<NeedCaseLink>($"SELECT need_id, case_id FROM need_cases WHERE need_id = ANY({needIds.ToArray()})")
            .ToDictionaryAsync(l => l.NeedId, l => l.CaseId, ct);

    /// <summary>The case <paramref name="needId"/> was linked into, or null while it stands alone.</summary>
    public IDataLoaderResult<Case?> OfNeed(long needId) => _casesOfNeeds.Load(needId);

    public IDataLoaderResult<Case?> Load(long id) => _cases.Load(id);

    public IDataLoaderResult<List<Need>?> Needs(long caseId) => _needs.Load(caseId);

    /// <summary>
    /// The case as the caller sees it: its count, first and last times and opening place taken from the needs the caller
    /// may see. The stored figures count every linked need, and a deputy reading them would learn that a need outside
    /// their area exists, and when to the microsecond. A caller who sees every need gets the stored row.
    /// </summary>
    public IDataLoaderResult<Case> Seen(Case stored) => _seesEveryNeed
        ? LoadedResult.Of(stored)
        : Needs(stored.Id).Then(needs => needs is { Count: > 0 } visible
            ? new Case
            {
                Id = stored.Id,
                CategoryCode = stored.CategoryCode,
                OpenedAt = visible[0].ReceivedAt,
                LastReceivedAt = visible[^1].ReceivedAt,
                NeedCount = visible.Count,
                JurisdictionCode = visible[0].JurisdictionCode,
                JurisdictionPath = visible[0].JurisdictionPath,
            }
            // Unreachable through the schema (a case is found only through a need the caller sees); nothing to show.
            : new Case { Id = stored.Id, CategoryCode = stored.CategoryCode, OpenedAt = stored.OpenedAt, JurisdictionCode = "", JurisdictionPath = "" });

    public async Task<Case?> FindAsync(long id, CancellationToken cancellationToken) =>
        await Needs(id).GetResultAsync(cancellationToken) is { Count: > 0 } ? await Load(id).GetResultAsync(cancellationToken) : null;
}
