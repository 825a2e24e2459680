using GraphQL.Types;

namespace NeedsMap.Api.KeyMatters.Graph;

public sealed record SetCategoryWeightInput(string Code, double Weight);

public sealed class SetCategoryWeightInputGraphType : InputObjectGraphType<SetCategoryWeightInput>
{
    public SetCategoryWeightInputGraphType()
    {
        Name = "SetCategoryWeightInput";
        Description = "A category's new weight in demand indexes (类别权重).";
        Field<NonNullGraphType<StringGraphType>>("code").Description("The category's code.");
        Field<NonNullGraphType<FloatGraphType>>("weight").Description("Its new weight: above 0, at most 100.");
    }
}
