using GraphQL.Types;

namespace NeedsMap.Api.Classification;

public sealed record LabelNeedInput(string Id, string CategoryCode);

public sealed record ActivateClassifierModelInput(string Version);

public sealed class LabelNeedInputGraphType : InputObjectGraphType<LabelNeedInput>
{
    public LabelNeedInputGraphType()
    {
        Name = "LabelNeedInput";
        Description = "A person's category for one need (人工标注).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The need's global id.");
        Field<NonNullGraphType<StringGraphType>>("categoryCode").Description("A leaf category code.");
    }
}

public sealed class ActivateClassifierModelInputGraphType : InputObjectGraphType<ActivateClassifierModelInput>
{
    public ActivateClassifierModelInputGraphType()
    {
        Name = "ActivateClassifierModelInput";
        Description = "Which classifier model becomes the one for new needs.";
        Field<NonNullGraphType<StringGraphType>>("version").Description("The model's version, as classifierModels lists it.");
    }
}
