using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Reference;

/// <summary>
/// Holds the current <see cref="ReferenceSnapshot"/>. Loaded at start-up and reloaded whenever a mutation
/// changes categories, channels or jurisdictions, so request paths never query these tables.
/// </summary>
public sealed class ReferenceData(IServiceScopeFactory scopes)
{
    private volatile ReferenceSnapshot _current = ReferenceSnapshot.Empty;

    public ReferenceSnapshot Current => _current;

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        var categories = await db.Categories.AsNoTracking().ToListAsync(cancellationToken);
        var channels = await db.Channels.AsNoTracking().ToListAsync(cancellationToken);
        var jurisdictions = await db.Jurisdictions.AsNoTracking()
            .Select(j => new JurisdictionInfo(j.Code, j.Name, j.OfficialName, j.Level, j.Kind, j.ParentCode, j.Path,
                j.BoundarySource, j.InteriorPoint.X, j.InteriorPoint.Y))
            .ToListAsync(cancellationToken);
        _current = new ReferenceSnapshot(categories, channels, jurisdictions);
    }
}
