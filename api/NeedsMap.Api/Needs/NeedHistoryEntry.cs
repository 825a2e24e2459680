using NeedsMap.Api.Reference;
namespace NeedsMap.Api.Needs;

/// <summary>One change of a need: who, when, what, and a note. Nothing about a need is ever overwritten silently.</summary>
public sealed class NeedHistoryEntry
{
    public long Id { get; init; }
    public required long NeedId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    /// <summary>created, revised (a later version from the channel), status.</summary>
    public required string Kind { get; init; }
    public NeedStatus? FromStatus { get; init; }
    public NeedStatus? ToStatus { get; init; }
    public long? Version { get; init; }
    public string? Note { get; init; }
    /// <summary>The previous text when a revision changed it.</summary>
    public string? PreviousText { get; init; }
}
