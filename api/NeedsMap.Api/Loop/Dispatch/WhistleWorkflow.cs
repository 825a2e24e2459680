namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>
/// Departments report (报到), report progress and resolve. Each move is checked against
/// <see cref="WhistleTransitions"/> before anything changes, and kept in the whistle's history.
/// </summary>
public sealed class WhistleWorkflow(WhistleReader reader, DepartmentDirectory departments, WhistleMoves moves, TimeProvider time,
    Security.Auth.AccessScope scope)
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

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068:CancellationToken parameters must come last",
        Justification = "The callers pass the action as a trailing lambda; it reads best last.")]
    private async Task<Whistle> DepartmentActsAsync(WhistleActionInput input, string kind, Func<Whistle, WhistleStatus> target,
        CancellationToken ct, Action<Whistle, WhistleDepartment> act)
    {
        departments.Require(input.DepartmentCode);
        WhistleScope.EnsureMayActFor(scope, input.DepartmentCode);
        var whistle = await reader.RequireAsync(input.Id, ct);
        if (!WhistleScope.Of(scope).Compile()(whistle))
        {
            // A whistle to another department answers as one that does not exist.
            throw new DomainException(ErrorCodes.NotFound, $"No whistle has the id \"{input.Id}\".");
        }
        var called = whistle.Departments.FirstOrDefault(d => d.DepartmentCode == input.DepartmentCode)
            ?? throw new DomainException(ErrorCodes.InvalidInput, $"The whistle did not call {input.DepartmentCode}.");
        var to = target(whistle);
        WhistleTransitions.Require(whistle.Status, to, kind);
        act(whistle, called);
        return await moves.MoveAsync(whistle, to, kind, input.DepartmentCode, input.Note, ct);
    }

    private static void RequireReported(WhistleDepartment d)
    {
        if (d.AcknowledgedAt is null)
        {
            throw new DomainException(ErrorCodes.IllegalTransition, $"{d.DepartmentCode} must report (acknowledge) before it acts.");
        }
    }
}
