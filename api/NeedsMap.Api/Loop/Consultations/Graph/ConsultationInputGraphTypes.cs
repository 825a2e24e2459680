using GraphQL.Types;
using NeedsMap.Api.Loop.Dispatch.Graph;
using NeedsMap.Api.Loop.Lists.Graph;
using NeedsMap.Api.Loop.Scenes.Graph;

namespace NeedsMap.Api.Loop.Consultations.Graph;

public sealed class StartConsultationInputGraphType : InputObjectGraphType<StartConsultationInput>
{
    public StartConsultationInputGraphType()
    {
        Name = "StartConsultationInput";
        Description = "Raise a topic from a need (needId), or from a category in a jurisdiction.";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<IdGraphType>("needId");
        Field<StringGraphType>("categoryCode");
        Field<StringGraphType>("jurisdictionCode");
        Field<IntGraphType>("supportThreshold").Description("Votes that mark a proposal supported (default 3).");
    }
}

public sealed class JoinConsultationInputGraphType : InputObjectGraphType<JoinConsultationInput>
{
    public JoinConsultationInputGraphType()
    {
        Name = "JoinConsultationInput";
        Field<NonNullGraphType<IdGraphType>>("consultationId");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<ParticipantRoleGraphType>>("role");
    }
}

public sealed class PostInputGraphType : InputObjectGraphType<PostInput>
{
    public PostInputGraphType()
    {
        Name = "PostInput";
        Field<NonNullGraphType<IdGraphType>>("consultationId");
        Field<NonNullGraphType<IdGraphType>>("participantId");
        Field<NonNullGraphType<StringGraphType>>("body");
        Field<IdGraphType>("replyToId").Description("The post this answers, for threads.");
    }
}

public sealed class ProposeInputGraphType : InputObjectGraphType<ProposeInput>
{
    public ProposeInputGraphType()
    {
        Name = "ProposeInput";
        Field<NonNullGraphType<IdGraphType>>("consultationId");
        Field<NonNullGraphType<IdGraphType>>("participantId");
        Field<NonNullGraphType<StringGraphType>>("text");
    }
}

public sealed class SupportProposalInputGraphType : InputObjectGraphType<SupportProposalInput>
{
    public SupportProposalInputGraphType()
    {
        Name = "SupportProposalInput";
        Field<NonNullGraphType<IdGraphType>>("proposalId");
        Field<NonNullGraphType<IdGraphType>>("participantId");
    }
}

public sealed class HidePostInputGraphType : InputObjectGraphType<HidePostInput>
{
    public HidePostInputGraphType()
    {
        Name = "HidePostInput";
        Field<NonNullGraphType<IdGraphType>>("postId");
        Field<NonNullGraphType<StringGraphType>>("reason");
    }
}

public sealed class CloseConsultationInputGraphType : InputObjectGraphType<CloseConsultationInput>
{
    public CloseConsultationInputGraphType()
    {
        Name = "CloseConsultationInput";
        Description = "The outcome, and what it creates: a scene, a whistle and/or a reform item, in one commit.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("outcome");
        Field<CreateSceneInputGraphType>("scene");
        Field<BlowWhistleInputGraphType>("whistle");
        Field<ReformItemInputGraphType>("reformItem");
    }
}
