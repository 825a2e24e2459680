namespace NeedsMap.Api.Loop.Consultations;

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
