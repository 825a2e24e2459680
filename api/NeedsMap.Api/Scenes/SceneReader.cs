using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Scenes;

/// <summary>The scene list (场景清单), optionally only the scenes flagged for re-planning.</summary>
public sealed class SceneReader(NeedsMapDbContext db)
{
    public Task<List<Scene>> ListAsync(bool? needsReplanning, CancellationToken cancellationToken) =>
        db.Set<Scene>().AsNoTracking().Where(s => needsReplanning == null || s.NeedsReplanning == needsReplanning)
            .OrderByDescending(s => s.StartsAt).ThenByDescending(s => s.Id).Take(500).ToListAsync(cancellationToken);
}
