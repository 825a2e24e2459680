using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>What a whistle is about: chosen needs, or the open needs of a key matter, with its category and place.</summary>
public sealed record WhistleSubject(IReadOnlyList<Need> Needs, string CategoryCode, string JurisdictionCode, string JurisdictionPath, bool IsKeyMatter);

public sealed class WhistleSubjects(NeedsMapDbContext db, NeedFilterSql filterSql, ReferenceData reference)
{
    public async Task<WhistleSubject> ResolveAsync(BlowWhistleInput input, CancellationToken cancellationToken)
    {
        if (input.NeedIds is { Count: > 0 } ids)
        {
            var keys = ids.Select(id => GlobalId.TryDecodeLong(id, NeedGraphType.TypeName, out var key) ? key : -1).Distinct().ToList();
            var needs = await db.Needs.AsNoTracking().Where(n => keys.Contains(n.Id)).OrderBy(n => n.Id).ToListAsync(cancellationToken);
            if (needs.Count != keys.Count)
            {
                throw new DomainException(ErrorCodes.NotFound, "Some of the needs do not exist.");
            }
            return new WhistleSubject(needs, needs[0].CategoryCode, needs[0].JurisdictionCode, needs[0].JurisdictionPath, false);
        }
        if (input.CategoryCode is not { } category || input.JurisdictionCode is not { } code)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "Name the needs, or a key matter by categoryCode and jurisdictionCode.");
        }
        var jurisdiction = reference.Current.FindJurisdiction(code)
            ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{code}\".");
        var filter = new NeedFilter { CategoryIn = [category], JurisdictionIn = [code], StatusIn = [NeedStatus.New, NeedStatus.Reopened] };
        var parameters = new SqlParameters();
        var sql = $"SELECT n.* FROM needs n WHERE {filterSql.Where(filter, parameters)} ORDER BY n.id LIMIT 5000";
        var open = await db.Needs.FromSqlRaw(sql, [.. parameters.All]).AsNoTracking().ToListAsync(cancellationToken);
        return new WhistleSubject(open, category, code, jurisdiction.Path, true);
    }
}
