using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Loop.Shared;

namespace NeedsMap.Api.Loop.Consultations.Graph;

internal sealed class ConsultationQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConsultationGraphType>>>>("consultations")
            .Description("Consultations, newest first (at most 200).")
            .DeprecationReason("Use consultationsConnection: the same consultations a page at a time, with totalCount.")
            .Argument<ConsultationStatusGraphType>("status")
            .ResolveAsync(async ctx => await ctx.Service<ConsultationReader>().ListAsync(ctx.GetArgument<ConsultationStatus?>("status"),
                VisibleCodes(ctx), ctx.CancellationToken));
        query.Field<NonNullGraphType<ConnectionGraphType<ConsultationGraphType, Consultation>>>("consultationsConnection")
            .Description("Consultations, newest opened first, a page at a time; a street's or community's people see their subtree's, the public all. 协商列表。")
            .Argument<ConsultationStatusGraphType>("status", "Only consultations in this status; all when left out.")
            .PagingArguments()
            .ResolveAsync(async ctx => await ctx.Service<ConsultationReader>().PageAsync(ctx.GetArgument<ConsultationStatus?>("status"),
                VisibleCodes(ctx), ctx.Page(), ctx.CancellationToken));
        query.Field<ConsultationGraphType>("consultation")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => GlobalId.TryDecodeLong(ctx.GetArgument<string>("id"), ConsultationReader.TypeName, out var id)
                ? await ctx.Service<ConsultationReader>().FindAsync(id, VisibleCodes(ctx), ctx.CancellationToken) : null);
    }

    /// <summary>
    /// Consultations are placed in a jurisdiction: a street or community role sees its subtree's only. They are the city's
    /// public deliberation, so the public sees all of them, with residents' names withheld (ParticipantGraphType).
    /// </summary>
    internal static IReadOnlySet<string>? VisibleCodes(GraphQL.IResolveFieldContext ctx) =>
        ctx.Service<Security.Auth.AccessScope>().AggregateJurisdictionCodes(ctx.Service<Reference.ReferenceData>().Current);
}

internal sealed class ConsultationMutations : IMutationFields
{
    public void AddTo(ObjectGraphType m)
    {
        m.Mutation<StartConsultationInputGraphType, ConsultationGraphType, StartConsultationInput>("startConsultation",
            "Raises a topic. Errors: NOT_FOUND, UNKNOWN_CATEGORY, UNKNOWN_JURISDICTION, INVALID_INPUT.",
            new("consultation", "the consultation started"),
            async (ctx, input) => await ctx.Service<ConsultationDiscussion>().StartAsync(input, ctx.CancellationToken));
        m.Mutation<JoinConsultationInputGraphType, ParticipantGraphType, JoinConsultationInput>("joinConsultation",
            "Adds a participant in a role. Errors: NOT_FOUND, ILLEGAL_TRANSITION (closed), INVALID_INPUT.",
            new("participant", "the participant added"),
            async (ctx, input) => await ctx.Service<ConsultationDiscussion>().JoinAsync(input, ctx.CancellationToken));
        m.Mutation<PostInputGraphType, PostGraphType, PostInput>("postToConsultation",
            "Posts, or replies in a thread. Errors: NOT_FOUND, ILLEGAL_TRANSITION (closed), INVALID_INPUT.",
            new("post", "the post"),
            async (ctx, input) => await ctx.Service<ConsultationDiscussion>().PostAsync(input, ctx.CancellationToken));
        m.Mutation<HidePostInputGraphType, PostGraphType, HidePostInput>("hidePost",
            "Moderation: hides a post with a reason; nothing is deleted. Errors: NOT_FOUND, ILLEGAL_TRANSITION (already hidden), INVALID_INPUT.",
            new("post", "the post, now hidden"),
            async (ctx, input) => await ctx.Service<ConsultationDiscussion>().HideAsync(input, ctx.CancellationToken));
        m.Mutation<ProposeInputGraphType, ProposalGraphType, ProposeInput>("propose",
            "Puts a proposal to the consultation. Errors: NOT_FOUND, ILLEGAL_TRANSITION (closed), INVALID_INPUT.",
            new("proposal", "the proposal"),
            async (ctx, input) => await ctx.Service<ConsultationProposals>().ProposeAsync(input, ctx.CancellationToken));
        m.Mutation<SupportProposalInputGraphType, ProposalGraphType, SupportProposalInput>("supportProposal",
            "One support vote per participant. Errors: NOT_FOUND, ALREADY_VOTED, ILLEGAL_TRANSITION (closed).",
            new("proposal", "the proposal with the vote counted"),
            async (ctx, input) => await ctx.Service<ConsultationProposals>().SupportAsync(input, ctx.CancellationToken));
        m.Mutation<CloseConsultationInputGraphType, ConsultationGraphType, CloseConsultationInput>("closeConsultation",
            "Closes with an outcome, creating a scene, a whistle and/or a reform item. Errors: NOT_FOUND, ILLEGAL_TRANSITION, "
            + "INVALID_INPUT, and those of createScene, blowWhistle and addReformItem.",
            new("consultation", "the consultation, closed with its outcome"),
            async (ctx, input) => await ctx.Service<ConsultationClosing>().CloseAsync(input, ctx.CancellationToken));
    }
}

internal sealed class ConsultationSubscriptions : ISubscriptionFields
{
    public void AddTo(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ConsultationActivityGraphType>, ConsultationActivity>("consultationActivity")
            .Description("Joins, posts, moderation, proposals, votes and the close of one consultation, from every server. Errors: NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveStreamAsync(async ctx =>
            {
                var id = ctx.GetArgument<string>("id");
                var consultation = GlobalId.TryDecodeLong(id, ConsultationReader.TypeName, out var key)
                    && await ctx.Service<ConsultationReader>().FindAsync(key, ConsultationQueries.VisibleCodes(ctx), ctx.CancellationToken) is { } found
                    ? found
                    : throw ConsultationReader.NotFound("consultation", id);
                return ctx.Service<Hub<ConsultationActivity>>().Where(a => a.Consultation.Id == consultation.Id);
            });
}
