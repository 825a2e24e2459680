using GraphQL.Types;

namespace NeedsMap.Api.Areas.Graph;

public sealed record RemoveServiceAreaInput(string Code);

public sealed class RemoveServiceAreaInputGraphType : InputObjectGraphType<RemoveServiceAreaInput>
{
    public RemoveServiceAreaInputGraphType()
    {
        Name = "RemoveServiceAreaInput";
        Description = "The service area to remove.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("The area's code.");
    }
}
