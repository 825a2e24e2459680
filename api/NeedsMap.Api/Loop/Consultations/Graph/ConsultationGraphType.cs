using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Loop.Lists;
using NeedsMap.Api.Loop.Scenes;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;
using static NeedsMap.Api.Loop.Shared.Ids;

namespace NeedsMap.Api.Loop.Consultations.Graph;

/// <summary>Resolves from the loaded consultation and singletons only, so it serves subscription events too.</summary>
public sealed class ConsultationGraphType : ObjectGraphType<Consultation>
{
    public ConsultationGraphType()
    {
        Name = ConsultationReader.TypeName;
        Description = "请你来协商: a topic discussed by officials, party members, deputies, CPPCC members and residents.";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is Consultation;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Id(ConsultationReader.TypeName, ctx.Source.Id));
        Field(c => c.Title);
        Field<NonNullGraphType<ConsultationStatusGraphType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<IdGraphType>("needId").Description("The need it was raised from; null without a token (the public sees no records).")
            .Resolve(ctx => ctx.Service<Security.Auth.AccessScope>().IsPublic ? null : Id(NeedGraphType.TypeName, ctx.Source.NeedId));
        Field<CategoryGraphType>("category").Resolve(ctx => ctx.Source.CategoryCode is { } c ? ctx.Service<ReferenceData>().Current.FindCategory(c) : null);
        Field<NonNullGraphType<JurisdictionGraphType>>("jurisdiction").Resolve(ctx => ctx.Service<ReferenceData>().Current.FindJurisdiction(ctx.Source.JurisdictionCode));
        Field(c => c.SupportThreshold).Description("Support votes that mark a proposal as supported.");
        Field(c => c.OpenedAt);
        Field(c => c.ClosedAt, nullable: true);
        Field(c => c.Outcome, nullable: true);
        Field<IdGraphType>("sceneId").Description("The scene the close created.").Resolve(ctx => Id(SceneWriter.TypeName, ctx.Source.SceneId));
        Field<IdGraphType>("whistleId").Description("The whistle the close blew.").Resolve(ctx => Id(Dispatch.WhistleReader.TypeName, ctx.Source.WhistleId));
        Field<IdGraphType>("reformItemId").Description("The reform item the close added.").Resolve(ctx => Id(ReformList.TypeName, ctx.Source.ReformItemId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipantGraphType>>>>("participants").Resolve(ctx => ctx.Source.Participants.OrderBy(p => p.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PostGraphType>>>>("threads")
            .Description("Top-level posts, oldest first; each carries its replies.")
            .Resolve(ctx => ctx.Source.Posts.Where(p => p.ReplyToId is null).OrderBy(p => p.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProposalGraphType>>>>("proposals").Resolve(ctx => ctx.Source.Proposals.OrderBy(p => p.Id));
    }
}

public sealed class ConsultationStatusGraphType : EnumerationGraphType<ConsultationStatus>
{
    public ConsultationStatusGraphType()
    {
        Name = "ConsultationStatus";
    }
}

public sealed class ParticipantRoleGraphType : EnumerationGraphType<ParticipantRole>
{
    public ParticipantRoleGraphType()
    {
        Name = "ParticipantRole";
        Description = "OFFICIAL 干部, PARTY_MEMBER 党员, PEOPLES_DEPUTY 人大代表, CPPCC_MEMBER 政协委员, RESIDENT 居民.";
    }
}
