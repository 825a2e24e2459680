using GraphQL.Types;
using NeedsMap.Api.Graph;
using static NeedsMap.Api.Loop.Shared.Ids;

namespace NeedsMap.Api.Loop.Consultations.Graph;

public sealed class ParticipantGraphType : ObjectGraphType<Participant>
{
    public ParticipantGraphType()
    {
        Name = ConsultationReader.ParticipantType;
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is Participant;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Id(ConsultationReader.ParticipantType, ctx.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("name")
            .Description("Without a token, residents and party members appear by their role (居民, 党员); officials, deputies and CPPCC members by name.")
            .Resolve(ctx => ctx.Service<Security.Auth.AccessScope>().IsPublic ? PublicName(ctx.Source) : ctx.Source.Name);
        Field<NonNullGraphType<ParticipantRoleGraphType>>("role").Resolve(ctx => ctx.Source.Role);
        Field(p => p.JoinedAt);
    }

    /// <summary>People acting in a public office speak under their name; a resident's name is personal data.</summary>
    internal static string PublicName(Participant p) => p.Role switch
    {
        ParticipantRole.Resident => "居民",
        ParticipantRole.PartyMember => "党员",
        _ => p.Name,
    };
}

public sealed class PostGraphType : ObjectGraphType<Post>
{
    public PostGraphType()
    {
        Name = ConsultationReader.PostType;
        Description = "A post in a thread. A hidden post keeps its place and its reason; its body is withheld, never deleted.";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is Post;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Id(ConsultationReader.PostType, ctx.Source.Id));
        Field<NonNullGraphType<IdGraphType>>("participantId").Resolve(ctx => Id(ConsultationReader.ParticipantType, ctx.Source.ParticipantId));
        Field<IdGraphType>("replyToId").Resolve(ctx => Id(ConsultationReader.PostType, ctx.Source.ReplyToId));
        Field<StringGraphType>("body").Description("Null while the post is hidden.").Resolve(ctx => ctx.Source.HiddenAt is null ? ctx.Service<Security.Auth.AccessScope>().Mask(ctx.Source.Body) : null);
        Field(p => p.PostedAt);
        Field<NonNullGraphType<BooleanGraphType>>("hidden").Resolve(ctx => ctx.Source.HiddenAt is not null);
        Field(p => p.HiddenReason, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PostGraphType>>>>("replies").Resolve(ctx => ctx.Source.Replies.OrderBy(r => r.Id));
    }
}

public sealed class ProposalGraphType : ObjectGraphType<Proposal>
{
    public ProposalGraphType()
    {
        Name = ConsultationReader.ProposalType;
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is Proposal;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Id(ConsultationReader.ProposalType, ctx.Source.Id));
        Field<NonNullGraphType<IdGraphType>>("participantId").Resolve(ctx => Id(ConsultationReader.ParticipantType, ctx.Source.ParticipantId));
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(ctx => ctx.Service<Security.Auth.AccessScope>().Mask(ctx.Source.Text));
        Field(p => p.ProposedAt);
        Field<NonNullGraphType<IntGraphType>>("supportCount").Resolve(ctx => ctx.Source.Votes.Count);
        Field<NonNullGraphType<BooleanGraphType>>("supported").Description("Support reached the consultation's threshold.")
            .Resolve(ctx => ctx.Source.SupportedAt is not null);
        Field(p => p.SupportedAt, nullable: true);
    }
}

public sealed class ConsultationActivityGraphType : ObjectGraphType<ConsultationActivity>
{
    public ConsultationActivityGraphType()
    {
        Name = "ConsultationActivity";
        Field<NonNullGraphType<ConsultationActivityKindGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<ConsultationGraphType>>("consultation").Resolve(ctx => ctx.Source.Consultation);
        Field<ParticipantGraphType>("participant").Resolve(ctx => ctx.Source.Participant);
        Field<PostGraphType>("post").Resolve(ctx => ctx.Source.Post);
        Field<ProposalGraphType>("proposal").Resolve(ctx => ctx.Source.Proposal);
    }
}

public sealed class ConsultationActivityKindGraphType : EnumerationGraphType<ConsultationActivityKind>
{
    public ConsultationActivityKindGraphType()
    {
        Name = "ConsultationActivityKind";
    }
}
