using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Loop.Shared;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using static NeedsMap.Api.Loop.Consultations.ConsultationReader;

namespace NeedsMap.Api.Loop.Consultations;

/// <summary>Opens consultations, lets people join and post in threads, and hides posts (never deletes them).</summary>
public sealed class ConsultationDiscussion(NeedsMapDbContext db, ConsultationReader reader, ReferenceData reference, LoopCommit commit,
    AccessScope scope, TimeProvider time, IOptions<LoopOptions> options)
{
    public async Task<Consultation> StartAsync(StartConsultationInput input, CancellationToken ct)
    {
        Need? need = null;
        if (input.NeedId is { } needId && (!GlobalId.TryDecodeLong(needId, NeedGraphType.TypeName, out var key)
            || (need = await db.Needs.AsNoTracking().FirstOrDefaultAsync(n => n.Id == key, ct)) is null))
        {
            throw NotFound("need", needId);
        }
        var jurisdiction = need?.JurisdictionCode ?? input.JurisdictionCode
            ?? throw new DomainException(ErrorCodes.InvalidInput, "Raise a consultation from a need, or from a category and a jurisdiction.");
        var category = need?.CategoryCode ?? input.CategoryCode;
        Require(reference.Current.FindJurisdiction(jurisdiction) is not null, ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{jurisdiction}\".");
        Require(category is null || reference.Current.FindCategory(category) is not null, ErrorCodes.UnknownCategory, $"No category has the code \"{category}\".");
        // PostgreSQL text cannot hold NUL: refused here as a client error rather than failing in the database.
        Require(input.Title.Trim().Length is > 0 and <= 200 && input.SupportThreshold is null or (>= 1 and <= 1000),
            ErrorCodes.InvalidInput, "A consultation needs a title (1 to 200 characters, no NUL); supportThreshold is 1 to 1000.");
        var consultation = new Consultation
        {
            Title = input.Title.Trim(), NeedId = need?.Id, CategoryCode = category, JurisdictionCode = jurisdiction,
            SupportThreshold = input.SupportThreshold ?? options.Value.DefaultSupportThreshold, OpenedAt = time.GetUtcNow(), OpenedBy = scope.Actor,
        };
        db.Add(consultation);
        return await CommitAsync(consultation, ConsultationActivityKind.Opened, () => consultation.Id, ct);
    }

    public async Task<Participant> JoinAsync(JoinConsultationInput input, CancellationToken ct)
    {
        var consultation = await reader.RequireOpenAsync(input.ConsultationId, ct);
        Require(input.Name.Trim().Length is > 0 and <= 100, ErrorCodes.InvalidInput, "A participant's name has 1 to 100 characters.");
        var participant = new Participant { Name = input.Name.Trim(), Role = input.Role, JoinedAt = time.GetUtcNow() };
        consultation.Participants.Add(participant);
        await CommitAsync(consultation, ConsultationActivityKind.Joined, () => participant.Id, ct);
        return participant;
    }

    public async Task<Post> PostAsync(PostInput input, CancellationToken ct)
    {
        var consultation = await reader.RequireOpenAsync(input.ConsultationId, ct);
        var author = Member(consultation.Participants, p => p.Id, input.ParticipantId, ParticipantType, "participant");
        var replyTo = input.ReplyToId is { } r ? Member(consultation.Posts, p => p.Id, r, PostType, "post") : null;
        Require(input.Body.Trim().Length is > 0 and <= 4000, ErrorCodes.InvalidInput, "A post has 1 to 4000 characters.");
        var post = new Post { ParticipantId = author.Id, ReplyToId = replyTo?.Id, Body = input.Body.Trim(), PostedAt = time.GetUtcNow() };
        consultation.Posts.Add(post);
        await CommitAsync(consultation, ConsultationActivityKind.Posted, () => post.Id, ct);
        return post;
    }

    public async Task<Post> HideAsync(HidePostInput input, CancellationToken ct)
    {
        var owner = GlobalId.TryDecodeLong(input.PostId, PostType, out var id)
            ? await db.Set<Post>().Where(p => p.Id == id).Select(p => (long?)p.ConsultationId).FirstOrDefaultAsync(ct) : null;
        var consultation = await reader.RequireAsync(GlobalId.Encode(TypeName, $"{owner ?? -1}"), ct);
        var post = Member(consultation.Posts, p => p.Id, input.PostId, PostType, "post");
        Require(post.HiddenAt is null, ErrorCodes.IllegalTransition, "The post is already hidden.");
        Require(input.Reason.Trim().Length is > 0 and <= 500, ErrorCodes.InvalidInput, "Hiding a post takes a reason (1 to 500 characters).");
        (post.HiddenAt, post.HiddenReason, post.HiddenBy) = (time.GetUtcNow(), input.Reason.Trim(), scope.Actor);
        await CommitAsync(consultation, ConsultationActivityKind.Hidden, () => post.Id, ct);
        return post;
    }

    private async Task<Consultation> CommitAsync(Consultation c, ConsultationActivityKind kind, Func<long> item, CancellationToken ct)
    {
        await commit.CommitAsync(() => [LoopNotifications.Consultation(c.Id, kind.ToString(), item())], ct);
        return c;
    }

    internal static void Require(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new DomainException(code, message);
        }
    }
}
