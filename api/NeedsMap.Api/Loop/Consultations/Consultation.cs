namespace NeedsMap.Api.Loop.Consultations;

/// <summary>
/// 请你来协商: a topic raised from a need or a category in a jurisdiction, discussed by officials, party members,
/// deputies, CPPCC members and residents; closed with an outcome that may create a scene, a whistle or a reform item.
/// </summary>
public sealed class Consultation
{
    public long Id { get; init; }
    public required string Title { get; set; }
    public long? NeedId { get; init; }
    public string? CategoryCode { get; init; }
    public required string JurisdictionCode { get; init; }
    public ConsultationStatus Status { get; set; } = ConsultationStatus.Open;
    public required int SupportThreshold { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Outcome { get; set; }
    public long? SceneId { get; set; }
    public long? WhistleId { get; set; }
    public long? ReformItemId { get; set; }
    /// <summary>PostgreSQL's xmin: a close racing another change fails instead of losing it.</summary>
    public uint RowVersion { get; set; }
    public List<Participant> Participants { get; init; } = [];
    public List<Post> Posts { get; init; } = [];
    public List<Proposal> Proposals { get; init; } = [];
}

public enum ConsultationStatus
{
    Open,
    Closed,
}

public enum ParticipantRole
{
    Official,
    PartyMember,
    PeoplesDeputy,
    CppccMember,
    Resident,
}
