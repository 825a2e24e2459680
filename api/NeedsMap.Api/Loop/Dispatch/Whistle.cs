using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>
/// 社区吹哨、部门报到: a community or street calls departments to a need, a set of needs, or a key matter
/// (a category in a jurisdiction). Overdue whistles climb one level: community → street → city.
/// </summary>
public sealed class Whistle
{
    public long Id { get; init; }
    public required string Title { get; set; }
    public WhistleStatus Status { get; set; } = WhistleStatus.Blown;
    /// <summary>The jurisdiction that blew the whistle.</summary>
    public required string BlownByCode { get; init; }
    /// <summary>The jurisdiction now answerable for it: the blower, or the level it escalated to.</summary>
    public required string HolderCode { get; set; }
    public required JurisdictionLevel HolderLevel { get; set; }
    /// <summary>The key matter's category, when the whistle is about a category rather than chosen needs.</summary>
    public string? CategoryCode { get; init; }
    /// <summary>The key matter's jurisdiction, or the jurisdiction of the first need.</summary>
    public required string SubjectJurisdictionCode { get; init; }
    public required string SubjectJurisdictionPath { get; init; }
    public required DateTimeOffset BlownAt { get; init; }
    public required TimeSpan AllowedTime { get; init; }
    public required DateTimeOffset DueAt { get; set; }
    public int EscalationCount { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public int? Rating { get; set; }
    /// <summary>PostgreSQL's xmin: two departments acting at once cannot both move the same status.</summary>
    public uint RowVersion { get; set; }
    public List<WhistleDepartment> Departments { get; init; } = [];
    public List<WhistleNeed> Needs { get; init; } = [];
    public List<WhistleHistoryEntry> History { get; init; } = [];
}

/// <summary>A department called by a whistle, and when it reported (报到).</summary>
public sealed class WhistleDepartment
{
    public long WhistleId { get; init; }
    public required string DepartmentCode { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
}

public sealed class WhistleNeed
{
    public long WhistleId { get; init; }
    public required long NeedId { get; init; }
}

/// <summary>One change of a whistle: who, when, what, and a note.</summary>
public sealed class WhistleHistoryEntry
{
    public long Id { get; init; }
    public long WhistleId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public string? DepartmentCode { get; init; }
    /// <summary>blown, acknowledged, progress, resolved, rated, reopened, escalated.</summary>
    public required string Kind { get; init; }
    public WhistleStatus? FromStatus { get; init; }
    public WhistleStatus? ToStatus { get; init; }
    public string? Note { get; init; }
}
