using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Loop.Shared;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>
/// An open whistle past its deadline climbs one level (community → street → city) and gets a fresh deadline
/// of the same length there; at the city it stays, overdue, for the city to see.
/// </summary>
public sealed class WhistleEscalator(NeedsMapDbContext db, ReferenceData reference, LoopCommit commit, TimeProvider time)
{
    public const string Actor = "system:escalation";
    private static readonly WhistleStatus[] Open = [WhistleStatus.Blown, WhistleStatus.Acknowledged, WhistleStatus.InProgress, WhistleStatus.Reopened];

    public async Task<int> EscalateOverdueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var overdue = await db.Set<Whistle>().Include(w => w.History)
            .Where(w => Open.Contains(w.Status) && w.DueAt < now && w.HolderLevel != JurisdictionLevel.City)
            .OrderBy(w => w.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var whistle in overdue)
        {
            var holder = reference.Current.FindJurisdiction(whistle.HolderCode);
            if (holder?.ParentCode is not { } parentCode || reference.Current.FindJurisdiction(parentCode) is not { } parent)
            {
                continue;
            }
            whistle.History.Add(new WhistleHistoryEntry
            {
                At = now, Actor = Actor, Kind = "escalated", FromStatus = whistle.Status, ToStatus = whistle.Status,
                Note = $"overdue since {whistle.DueAt:O}: {holder.Name} → {parent.Name}",
            });
            whistle.HolderCode = parent.Code;
            whistle.HolderLevel = parent.Level;
            whistle.EscalationCount++;
            whistle.DueAt = now + whistle.AllowedTime;
        }
        await commit.CommitAsync(() => overdue.Select(w => LoopNotifications.Whistle(w.Id)), cancellationToken);
        return overdue.Count;
    }
}
