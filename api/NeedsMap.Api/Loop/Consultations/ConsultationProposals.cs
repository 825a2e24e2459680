using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Loop.Shared;
using Npgsql;
using static NeedsMap.Api.Loop.Consultations.ConsultationReader;

namespace NeedsMap.Api.Loop.Consultations;

/// <summary>Proposals and their support: one vote per participant; reaching the threshold marks a proposal supported.</summary>
public sealed class ConsultationProposals(NeedsMapDbContext db, ConsultationReader reader, LoopCommit commit, TimeProvider time)
{
    public async Task<Proposal> ProposeAsync(ProposeInput input, CancellationToken ct)
    {
        var consultation = await reader.RequireOpenAsync(input.ConsultationId, ct);
        var author = Member(consultation.Participants, p => p.Id, input.ParticipantId, ParticipantType, "participant");
        ConsultationDiscussion.Require(input.Text.Trim().Length is > 0 and <= 2000, ErrorCodes.InvalidInput, "A proposal has 1 to 2000 characters.");
        var proposal = new Proposal { ParticipantId = author.Id, Text = input.Text.Trim(), ProposedAt = time.GetUtcNow() };
        consultation.Proposals.Add(proposal);
        await commit.CommitAsync(() => [LoopNotifications.Consultation(consultation.Id, nameof(ConsultationActivityKind.Proposed), proposal.Id)], ct);
        return proposal;
    }

    public async Task<Proposal> SupportAsync(SupportProposalInput input, CancellationToken ct)
    {
        var owner = GlobalId.TryDecodeLong(input.ProposalId, ProposalType, out var id)
            ? await db.Set<Proposal>().Where(p => p.Id == id).Select(p => (long?)p.ConsultationId).FirstOrDefaultAsync(ct) : null;
        var consultation = await reader.RequireOpenAsync(GlobalId.Encode(TypeName, $"{owner ?? -1}"), ct);
        var proposal = Member(consultation.Proposals, p => p.Id, input.ProposalId, ProposalType, "proposal");
        var voter = Member(consultation.Participants, p => p.Id, input.ParticipantId, ParticipantType, "participant");
        if (proposal.Votes.Any(v => v.ParticipantId == voter.Id))
        {
            throw AlreadyVoted();
        }
        var now = time.GetUtcNow();
        proposal.Votes.Add(new ProposalVote { ParticipantId = voter.Id, VotedAt = now });
        if (proposal.SupportedAt is null && proposal.Votes.Count >= consultation.SupportThreshold)
        {
            proposal.SupportedAt = now;
        }
        try
        {
            await commit.CommitAsync(() => [LoopNotifications.Consultation(consultation.Id, nameof(ConsultationActivityKind.Supported), proposal.Id)], ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw AlreadyVoted(); // the same vote, sent twice at once: the key refused the second
        }
        return proposal;
    }

    private static DomainException AlreadyVoted() => new(ErrorCodes.AlreadyVoted, "This participant has already supported the proposal.");
}
