using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Loop.Scenes;

/// <summary>The scene list (场景清单), optionally only the scenes flagged for re-planning.</summary>
public sealed class SceneReader(NeedsMapDbContext db)
{
    public Task<List<Scene>> ListAsync(bool? needsReplanning, CancellationToken cancellationToken) =>
        db.Set<Scene>().AsNoTracking().Where(s => needsReplanning == null || s.NeedsReplanning == needsReplanning)
            .OrderByDescending(s => s.StartsAt).ThenByDescending(s => s.Id).Take(500).ToListAsync(cancellationToken);

    /// <summary>A page of the scene list, newest created first.</summary>
    public Task<Api.Graph.Relay.Connection<Scene>> PageAsync(bool? needsReplanning, Api.Graph.Relay.PageRequest page, CancellationToken cancellationToken) =>
        Api.Graph.Relay.IdKeysetPaging.PageAsync(db.Set<Scene>().AsNoTracking().Where(s => needsReplanning == null || s.NeedsReplanning == needsReplanning),
            s => s.Id, page, cancellationToken);
}
