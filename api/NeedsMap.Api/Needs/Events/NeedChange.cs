namespace NeedsMap.Api.Needs.Events;

public enum NeedChangeKind
{
    Created,
    Updated,
}

/// <summary>A need as it stands after a change, delivered to every server's subscribers.</summary>
public sealed record NeedChange(NeedChangeKind Kind, Need Need);
