using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Categories;

public sealed class CategoryGraphType : ObjectGraphType<Category>
{
    public CategoryGraphType()
    {
        Name = "Category";
        Description = "A kind of need in the two-level taxonomy (诉求分类).";
        Field(c => c.Code).Description("A stable code such as noise.construction.");
        Field(c => c.Name).Description("The Chinese name.");
        Field(c => c.NameEn).Description("The English name.");
        Field(c => c.Weight).Description("How much one need of this category weighs in demand indexes.");
        Field(c => c.IsStandard).Description("Part of the standard taxonomy (true) or added by the city (false).");
        Field<CategoryGraphType>("parent").Resolve(ctx =>
            ctx.Source.ParentCode is { } p ? ctx.Service<ReferenceData>().Current.FindCategory(p) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryGraphType>>>>("children")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.ChildCategoriesOf(ctx.Source.Code));
    }
}
