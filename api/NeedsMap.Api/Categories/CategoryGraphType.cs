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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("departments")
            .Description("Codes of the departments that handle it, in the order they are called; the city sets them (updateCategory).")
            .Resolve(ctx => ctx.Source.Departments);
        Field(c => c.RetiredAt, nullable: true).Description("When the city retired or merged it away; null while in use. A retired category is never given to a new need.");
        Field(c => c.MergedInto, nullable: true).Description("The category that took its needs when it was merged (mergeCategories).");
        Field<CategoryGraphType>("parent").Resolve(ctx =>
            ctx.Source.ParentCode is { } p ? ctx.Service<ReferenceData>().Current.FindCategory(p) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryGraphType>>>>("children")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.ChildCategoriesOf(ctx.Source.Code));
    }
}
