using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Lists;
using NeedsMap.Api.Loop.Scenes;

namespace NeedsMap.Api.Loop.Consultations;

public sealed record StartConsultationInput(string Title, string? NeedId, string? CategoryCode, string? JurisdictionCode, int? SupportThreshold);

public sealed record JoinConsultationInput(string ConsultationId, string Name, ParticipantRole Role);

public sealed record PostInput(string ConsultationId, string ParticipantId, string Body, string? ReplyToId);

public sealed record ProposeInput(string ConsultationId, string ParticipantId, string Text);

public sealed record SupportProposalInput(string ProposalId, string ParticipantId);

public sealed record HidePostInput(string PostId, string Reason);

/// <summary>Closes with an outcome; any of scene, whistle and reformItem are created in the same commit.</summary>
public sealed record CloseConsultationInput(string Id, string Outcome, CreateSceneInput? Scene, BlowWhistleInput? Whistle, ReformItemInput? ReformItem);
