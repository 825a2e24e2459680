using GraphQL.Types;

namespace NeedsMap.Api.Loop.Dispatch.Graph;

public sealed class BlowWhistleInputGraphType : InputObjectGraphType<BlowWhistleInput>
{
    public BlowWhistleInputGraphType()
    {
        Name = "BlowWhistleInput";
        Description = "Name needIds, or a key matter by categoryCode and jurisdictionCode (its open needs are taken).";
        Field<NonNullGraphType<StringGraphType>>("blownBy").Description("The community or street blowing the whistle.");
        Field<StringGraphType>("title");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("needIds");
        Field<StringGraphType>("categoryCode");
        Field<StringGraphType>("jurisdictionCode");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("departmentCodes").Description("Leave out to take the service list's departments.");
        Field<IntGraphType>("deadlineHours").Description("Leave out to take the service list's deadline.");
        Field<StringGraphType>("note");
    }
}

public sealed class WhistleActionInputGraphType : InputObjectGraphType<WhistleActionInput>
{
    public WhistleActionInputGraphType()
    {
        Name = "WhistleActionInput";
        Description = "A called department acting on a whistle.";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("departmentCode");
        Field<StringGraphType>("note");
    }
}

public sealed class RateWhistleInputGraphType : InputObjectGraphType<RateWhistleInput>
{
    public RateWhistleInputGraphType()
    {
        Name = "RateWhistleInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<IntGraphType>>("rating").Description("1 (very dissatisfied) to 5 (very satisfied).");
        Field<StringGraphType>("note");
    }
}

public sealed class ReopenWhistleInputGraphType : InputObjectGraphType<ReopenWhistleInput>
{
    public ReopenWhistleInputGraphType()
    {
        Name = "ReopenWhistleInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("note");
    }
}
