using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Batching;
using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Jurisdictions;

/// <summary>Loads the boundaries a query asks for in one round trip, however many jurisdictions it lists.</summary>
public sealed class JurisdictionBoundaryLoader(NeedsMapDbContext db)
{
    private readonly BatchLoader<string, Geometry> _loader = new(async (codes, ct) =>
        await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code))
            .ToDictionaryAsync(j => j.Code, j => (Geometry)j.Boundary, ct));

    public IDataLoaderResult<Geometry?> Load(string code) => _loader.Load(code);
}
