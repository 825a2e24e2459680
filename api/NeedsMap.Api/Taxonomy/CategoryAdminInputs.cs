using GraphQL.Types;

namespace NeedsMap.Api.Taxonomy;

public sealed record MergeCategoriesInput(string From, string Into);

public sealed record RetireCategoryInput(string Code);

public sealed record SetExternalLabelInput(string? Source, string Label, string CategoryCode);

public sealed record RemoveExternalLabelInput(string? Source, string Label);

public sealed class MergeCategoriesInputGraphType : InputObjectGraphType<MergeCategoriesInput>
{
    public MergeCategoriesInputGraphType()
    {
        Name = "MergeCategoriesInput";
        Description = "Which category is merged into which.";
        Field<NonNullGraphType<StringGraphType>>("from").Description("The category merged away: its needs, labels, whistles, scenes and subcategories move; it is retired.");
        Field<NonNullGraphType<StringGraphType>>("into").Description("The category that takes them.");
    }
}

public sealed class RetireCategoryInputGraphType : InputObjectGraphType<RetireCategoryInput>
{
    public RetireCategoryInputGraphType()
    {
        Name = "RetireCategoryInput";
        Description = "The category to retire.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("The category no new need may get from now on; its needs keep it.");
    }
}

public sealed class SetExternalLabelInputGraphType : InputObjectGraphType<SetExternalLabelInput>
{
    public SetExternalLabelInputGraphType()
    {
        Name = "SetExternalLabelInput";
        Description = "A channel's own label and the category it maps to.";
        Field<StringGraphType>("source").Description("A channel code; every channel when left out.");
        Field<NonNullGraphType<StringGraphType>>("label").Description("The label as the channel writes it, at any level: 城乡建设/噪声污染 or 噪声污染.");
        Field<NonNullGraphType<StringGraphType>>("categoryCode").Description("The category records with this label get.");
    }
}

public sealed class RemoveExternalLabelInputGraphType : InputObjectGraphType<RemoveExternalLabelInput>
{
    public RemoveExternalLabelInputGraphType()
    {
        Name = "RemoveExternalLabelInput";
        Description = "The mapping to remove.";
        Field<StringGraphType>("source").Description("The channel the mapping is for; the one for every channel (*) when left out.");
        Field<NonNullGraphType<StringGraphType>>("label").Description("The label whose mapping is removed.");
    }
}
