namespace NeedsMap.Api.Loop.Lists;

/// <summary>
/// 改革清单: a problem no single department can solve, or that needs a rule changed, with the evidence that put
/// it on the list (needs, a consultation, a whistle, or a written account).
/// </summary>
public sealed class ReformItem
{
    public long Id { get; init; }
    public required string Title { get; set; }
    public required string Problem { get; set; }
    public required List<string> DepartmentCodes { get; set; }
    public bool NeedsRuleChange { get; set; }
    public required string Evidence { get; set; }
    public List<long> EvidenceNeedIds { get; init; } = [];
    public long? ConsultationId { get; set; }
    public required DateTimeOffset AddedAt { get; init; }
    public required string AddedBy { get; init; }
}

/// <summary>一件事: several services joined so a resident asks once.</summary>
public sealed class OneThing
{
    public long Id { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required List<long> ServiceItemIds { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed record ReformItemInput(string Title, string Problem, IReadOnlyList<string> DepartmentCodes, bool? NeedsRuleChange,
    string Evidence, IReadOnlyList<string>? EvidenceNeedIds);

public sealed record OneThingInput(string Name, string? Description, IReadOnlyList<string> ServiceItemIds);
