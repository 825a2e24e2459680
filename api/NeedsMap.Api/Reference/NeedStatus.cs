namespace NeedsMap.Api.Reference;

public enum NeedStatus
{
    New,
    Assigned,
    InProgress,
    Resolved,
    Closed,
    Reopened,
}
