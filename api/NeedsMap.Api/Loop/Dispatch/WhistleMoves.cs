using NeedsMap.Api.Loop.Shared;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>Records a whistle's move in its history, moves its needs along, and commits with the announcement.</summary>
public sealed class WhistleMoves(NeedStatusSync needs, LoopCommit commit, AccessScope scope, TimeProvider time)
{
    public async Task<Whistle> MoveAsync(Whistle whistle, WhistleStatus to, string kind, string? department, string? note, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        whistle.History.Add(new WhistleHistoryEntry
        {
            At = now, Actor = scope.Actor, DepartmentCode = department, Kind = kind, FromStatus = whistle.Status, ToStatus = to, Note = note,
        });
        whistle.Status = to;
        await needs.FollowAsync(whistle, scope.Actor, note ?? kind, now, ct);
        await commit.CommitAsync(() => [LoopNotifications.Whistle(whistle.Id)], ct);
        return whistle;
    }
}
