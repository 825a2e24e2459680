namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>
/// A whistle's life (吹哨 → 报到 → 办理 → 办结 → 评价): BLOWN until a department reports, ACKNOWLEDGED, IN_PROGRESS,
/// RESOLVED, then CLOSED when the resident rates it; REOPENED when the resident reopens it within the window.
/// </summary>
public enum WhistleStatus
{
    Blown,
    Acknowledged,
    InProgress,
    Resolved,
    Closed,
    Reopened,
}
