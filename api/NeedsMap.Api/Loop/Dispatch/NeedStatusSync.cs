using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Loop.Shared;
using NeedsMap.Api.Needs;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>
/// Moves a whistle's needs along with it, each move kept in need_history. A need that cannot legally follow
/// (another whistle closed it, say) keeps its status: a need's history never jumps.
/// </summary>
public sealed class NeedStatusSync(NeedsMapDbContext db, LoopCommit commit)
{
    public async Task FollowAsync(Whistle whistle, string actor, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var to = WhistleTransitions.NeedStatusFor(whistle.Status);
        var ids = whistle.Needs.Select(n => n.NeedId).ToList();
        var needs = await db.Needs.Where(n => ids.Contains(n.Id)).ToListAsync(cancellationToken);
        foreach (var need in needs.Where(n => n.Status != to && WhistleTransitions.IsLegal(n.Status, to)))
        {
            db.NeedHistory.Add(new NeedHistoryEntry
            {
                NeedId = need.Id, At = now, Actor = actor, Kind = "status", FromStatus = need.Status, ToStatus = to,
                Note = $"{whistle.Title}: {note ?? whistle.Status.ToString()}",
            });
            need.Status = to;
            need.UpdatedAt = now;
            commit.NeedChanged(need.Id);
        }
    }
}
