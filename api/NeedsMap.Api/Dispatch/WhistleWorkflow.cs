using Microsoft.Extensions.Options;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Loop;
using NeedsMap.Api.Security;

namespace NeedsMap.Api.Dispatch;

/// <summary>
/// Departments report (报到), report progress and resolve; residents rate and may reopen. Each move is checked
/// against <see cref="WhistleTransitions"/> before anything changes, and kept in the whistle's history.
/// </summary>
public sealed class WhistleWorkflow(WhistleReader reader, DepartmentDirectory departments, NeedStatusSync needs, LoopCommit commit,
    AccessScope scope, TimeProvider time, IOptions<LoopOptions> options)
{
    public Task<Whistle> AcknowledgeAsync(WhistleActionInput input, CancellationToken ct) =>
        DepartmentActsAsync(input, "acknowledged", w => w.Status == WhistleStatus.InProgress ? WhistleStatus.InProgress : WhistleStatus.Acknowledged,
            ct, (_, d) =>
            {
                if (d.AcknowledgedAt is not null)
                {
                    throw new DomainException(ErrorCodes.IllegalTransition, $"{d.DepartmentCode} has already reported for this whistle.");
                }
                d.AcknowledgedAt = time.GetUtcNow();
            });

    public Task<Whistle> ReportProgressAsync(WhistleActionInput input, CancellationToken ct) =>
        DepartmentActsAsync(input, "progress", _ => WhistleStatus.InProgress, ct, (_, d) => RequireReported(d));

    public Task<Whistle> ResolveAsync(WhistleActionInput input, CancellationToken ct) =>
        DepartmentActsAsync(input, "resolved", _ => WhistleStatus.Resolved, ct, (w, d) =>
        {
            RequireReported(d);
            w.ResolvedAt = time.GetUtcNow();
        });

    public async Task<Whistle> RateAsync(RateWhistleInput input, CancellationToken ct)
    {
        if (input.Rating is < 1 or > 5)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "A rating is 1 to 5.");
        }
        var whistle = await reader.RequireAsync(input.Id, ct);
        WhistleTransitions.Require(whistle.Status, WhistleStatus.Closed, "rated");
        whistle.Rating = input.Rating;
        return await MoveAsync(whistle, WhistleStatus.Closed, "rated", null, $"{input.Rating}/5 {input.Note}".Trim(), ct);
    }

    public async Task<Whistle> ReopenAsync(ReopenWhistleInput input, CancellationToken ct)
    {
        var whistle = await reader.RequireAsync(input.Id, ct);
        WhistleTransitions.Require(whistle.Status, WhistleStatus.Reopened, "reopened");
        var now = time.GetUtcNow();
        if (whistle.ResolvedAt is { } resolved && now - resolved > options.Value.ReopenWindow)
        {
            throw new DomainException(ErrorCodes.ReopenWindowClosed,
                $"The whistle was resolved on {resolved:yyyy-MM-dd}; it could be reopened for {options.Value.ReopenWindow.TotalDays:0} days.");
        }
        whistle.Departments.ForEach(d => d.AcknowledgedAt = null);
        whistle.DueAt = now + whistle.AllowedTime;
        whistle.ResolvedAt = null;
        return await MoveAsync(whistle, WhistleStatus.Reopened, "reopened", null, input.Note, ct);
    }

    private async Task<Whistle> DepartmentActsAsync(WhistleActionInput input, string kind, Func<Whistle, WhistleStatus> target,
        CancellationToken ct, Action<Whistle, WhistleDepartment> act)
    {
        departments.Require(input.DepartmentCode);
        var whistle = await reader.RequireAsync(input.Id, ct);
        var called = whistle.Departments.FirstOrDefault(d => d.DepartmentCode == input.DepartmentCode)
            ?? throw new DomainException(ErrorCodes.InvalidInput, $"The whistle did not call {input.DepartmentCode}.");
        var to = target(whistle);
        WhistleTransitions.Require(whistle.Status, to, kind);
        act(whistle, called);
        return await MoveAsync(whistle, to, kind, input.DepartmentCode, input.Note, ct);
    }

    private static void RequireReported(WhistleDepartment d)
    {
        if (d.AcknowledgedAt is null)
        {
            throw new DomainException(ErrorCodes.IllegalTransition, $"{d.DepartmentCode} must report (acknowledge) before it acts.");
        }
    }

    private async Task<Whistle> MoveAsync(Whistle whistle, WhistleStatus to, string kind, string? department, string? note, CancellationToken ct)
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
