using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>The legal moves of whistles and of the needs they carry; anything else is ILLEGAL_TRANSITION.</summary>
public static class WhistleTransitions
{
    private static readonly Dictionary<WhistleStatus, WhistleStatus[]> Whistles = new()
    {
        [WhistleStatus.Blown] = [WhistleStatus.Acknowledged],
        [WhistleStatus.Acknowledged] = [WhistleStatus.Acknowledged, WhistleStatus.InProgress, WhistleStatus.Resolved],
        [WhistleStatus.InProgress] = [WhistleStatus.Acknowledged, WhistleStatus.InProgress, WhistleStatus.Resolved],
        [WhistleStatus.Resolved] = [WhistleStatus.Closed, WhistleStatus.Reopened],
        [WhistleStatus.Closed] = [WhistleStatus.Reopened],
        [WhistleStatus.Reopened] = [WhistleStatus.Acknowledged, WhistleStatus.InProgress, WhistleStatus.Resolved],
    };

    private static readonly Dictionary<NeedStatus, NeedStatus[]> NeedMoves = new()
    {
        [NeedStatus.New] = [NeedStatus.Assigned],
        [NeedStatus.Assigned] = [NeedStatus.InProgress, NeedStatus.Resolved],
        [NeedStatus.InProgress] = [NeedStatus.Resolved],
        [NeedStatus.Resolved] = [NeedStatus.Closed, NeedStatus.Reopened],
        [NeedStatus.Closed] = [NeedStatus.Reopened],
        [NeedStatus.Reopened] = [NeedStatus.Assigned, NeedStatus.InProgress, NeedStatus.Resolved],
    };

    public static void Require(WhistleStatus from, WhistleStatus to, string action)
    {
        if (!Whistles[from].Contains(to))
        {
            throw new DomainException(ErrorCodes.IllegalTransition,
                $"A {Name(from)} whistle cannot be {action}: that is done to a whistle that is "
                + string.Join(" or ", Whistles.Where(w => w.Value.Contains(to)).Select(w => Name(w.Key))) + ".");
        }
    }

    public static bool IsLegal(NeedStatus from, NeedStatus to) => NeedMoves[from].Contains(to);

    /// <summary>The status a whistle's needs follow it to.</summary>
    public static NeedStatus NeedStatusFor(WhistleStatus status) => status switch
    {
        WhistleStatus.Blown => NeedStatus.Assigned,
        WhistleStatus.Acknowledged or WhistleStatus.InProgress => NeedStatus.InProgress,
        WhistleStatus.Resolved => NeedStatus.Resolved,
        WhistleStatus.Closed => NeedStatus.Closed,
        _ => NeedStatus.Reopened,
    };

    private static string Name(WhistleStatus s) => s switch
    {
        WhistleStatus.InProgress => "IN_PROGRESS",
        _ => s.ToString().ToUpperInvariant(),
    };
}
