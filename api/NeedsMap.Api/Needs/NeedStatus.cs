namespace NeedsMap.Api.Needs;

public enum NeedStatus
{
    New,
    Assigned,
    InProgress,
    Resolved,
    Closed,
    Reopened,
}
