using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Jurisdictions.Import;

/// <summary>
/// Stores a city's jurisdictions, parents before children, deriving each level and path from the parent chain.
/// The whole set is checked first (unique codes, known parents, valid boundaries), and written in one transaction.
/// </summary>
public sealed class JurisdictionImporter(NeedsMapDbContext db)
{
    public async Task<int> ImportAsync(IReadOnlyCollection<JurisdictionRecord> records, CancellationToken cancellationToken)
    {
        var byCode = new Dictionary<string, JurisdictionRecord>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            if (!byCode.TryAdd(r.Code, r))
            {
                throw new DomainException(ErrorCodes.InvalidInput, $"The code {r.Code} appears twice.");
            }
            if (!r.Boundary.IsValid || r.Boundary.IsEmpty)
            {
                throw new DomainException(ErrorCodes.InvalidGeometry, $"The boundary of {r.Code} is not a valid MultiPolygon.");
            }
        }
        var existing = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Code, cancellationToken);
        var paths = new Dictionary<string, (string Path, JurisdictionLevel Level)>(StringComparer.Ordinal);
        foreach (var j in existing.Values)
        {
            paths[j.Code] = (j.Path, j.Level);
        }
        (string Path, JurisdictionLevel Level) Resolve(JurisdictionRecord r, int depth)
        {
            if (paths.TryGetValue(r.Code, out var known))
            {
                return known;
            }
            if (depth > 3)
            {
                throw new DomainException(ErrorCodes.InvalidInput, $"{r.Code} is deeper than city, street and community.");
            }
            (string Path, JurisdictionLevel Level) resolved;
            if (r.ParentCode is null)
            {
                resolved = (r.Code + ".", JurisdictionLevel.City);
            }
            else
            {
                var parent = byCode.TryGetValue(r.ParentCode, out var p) ? Resolve(p, depth + 1)
                    : paths.TryGetValue(r.ParentCode, out var stored) ? stored
                    : throw new DomainException(ErrorCodes.UnknownJurisdiction, $"The parent {r.ParentCode} of {r.Code} is unknown.");
                if (parent.Level == JurisdictionLevel.Community)
                {
                    throw new DomainException(ErrorCodes.InvalidInput, $"{r.Code} lies below a community, the smallest level.");
                }
                resolved = (parent.Path + r.Code + ".", parent.Level + 1);
            }
            paths[r.Code] = resolved;
            return resolved;
        }
        var ordered = records.Select(r => (Record: r, Resolved: Resolve(r, 0))).OrderBy(x => x.Resolved.Level).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (r, (path, level)) in ordered)
        {
            r.Boundary.SRID = 4326;
            r.InteriorPoint.SRID = 4326;
            if (existing.ContainsKey(r.Code))
            {
                await db.Jurisdictions.Where(j => j.Code == r.Code).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Name, r.Name).SetProperty(j => j.OfficialName, r.OfficialName)
                    .SetProperty(j => j.Kind, r.Kind).SetProperty(j => j.Boundary, r.Boundary)
                    .SetProperty(j => j.InteriorPoint, r.InteriorPoint).SetProperty(j => j.BoundarySource, r.BoundarySource), cancellationToken);
                continue;
            }
            db.Jurisdictions.Add(new Jurisdiction
            {
                Code = r.Code, Name = r.Name, OfficialName = r.OfficialName, ParentCode = r.ParentCode, Kind = r.Kind,
                Level = level, Path = path, Boundary = r.Boundary, InteriorPoint = r.InteriorPoint, BoundarySource = r.BoundarySource,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ordered.Count;
    }
}
