namespace NeedsMap.Api.Consultations;

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

public sealed class Participant
{
    public long Id { get; init; }
    public long ConsultationId { get; init; }
    public required string Name { get; init; }
    public required ParticipantRole Role { get; init; }
    public required DateTimeOffset JoinedAt { get; init; }
}

/// <summary>A post in a thread; moderation hides it with a reason and never deletes it.</summary>
public sealed class Post
{
    public long Id { get; init; }
    public long ConsultationId { get; init; }
    public required long ParticipantId { get; init; }
    public long? ReplyToId { get; init; }
    public required string Body { get; init; }
    public required DateTimeOffset PostedAt { get; init; }
    public DateTimeOffset? HiddenAt { get; set; }
    public string? HiddenReason { get; set; }
    public string? HiddenBy { get; set; }
    public List<Post> Replies { get; init; } = [];
}

public sealed class Proposal
{
    public long Id { get; init; }
    public long ConsultationId { get; init; }
    public required long ParticipantId { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset ProposedAt { get; init; }
    /// <summary>When the support votes reached the consultation's threshold.</summary>
    public DateTimeOffset? SupportedAt { get; set; }
    public List<ProposalVote> Votes { get; init; } = [];
}

/// <summary>One participant's support for a proposal; a second is refused (ALREADY_VOTED), by the key as well as in code.</summary>
public sealed class ProposalVote
{
    public long ProposalId { get; init; }
    public required long ParticipantId { get; init; }
    public required DateTimeOffset VotedAt { get; init; }
}
