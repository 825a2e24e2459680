namespace NeedsMap.Api.Loop.Consultations;

public enum ConsultationActivityKind
{
    Opened,
    Joined,
    Posted,
    Hidden,
    Proposed,
    Supported,
    Closed,
}

/// <summary>Something that happened in a consultation, with the consultation as it stands afterwards.</summary>
public sealed record ConsultationActivity(ConsultationActivityKind Kind, Consultation Consultation, long ItemId)
{
    public Post? Post => Kind is ConsultationActivityKind.Posted or ConsultationActivityKind.Hidden
        ? Consultation.Posts.FirstOrDefault(p => p.Id == ItemId) : null;

    public Proposal? Proposal => Kind is ConsultationActivityKind.Proposed or ConsultationActivityKind.Supported
        ? Consultation.Proposals.FirstOrDefault(p => p.Id == ItemId) : null;

    public Participant? Participant => Kind == ConsultationActivityKind.Joined
        ? Consultation.Participants.FirstOrDefault(p => p.Id == ItemId) : null;
}
