using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Categories;

internal sealed class CategoryQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryGraphType>>>>("categories")
            .Description("The taxonomy: top-level categories, or with topLevelOnly: false every category.")
            .Argument<BooleanGraphType>("topLevelOnly", a => a.DefaultValue = true)
            .Resolve(ctx =>
            {
                var all = ctx.Service<ReferenceData>().Current.Categories;
                return ctx.GetArgument("topLevelOnly", true) ? all.Where(c => c.ParentCode is null) : all;
            });
        query.Field<CategoryGraphType>("category")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.FindCategory(ctx.GetArgument<string>("code")));
    }
}
