using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Taxonomy;

public sealed class AddCategoryInputGraphType : InputObjectGraphType<AddCategoryInput>
{
    public AddCategoryInputGraphType()
    {
        Name = "AddCategoryInput";
        Description = "A category of the city's own.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Lower-case letters, digits, '.', '_' or '-'; never changes.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The Chinese name.");
        Field<StringGraphType>("nameEn").Description("The English name (the Chinese one when left out).");
        Field<StringGraphType>("parentCode").Description("The category it belongs under; top-level when left out.");
        Field<FloatGraphType>("weight").DefaultValue(1.0).Description("How much one need weighs in demand indexes (0–100).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("departments").Description("Codes of the departments that handle it, in order.");
    }
}

public sealed class UpdateCategoryInputGraphType : InputObjectGraphType<UpdateCategoryInput>
{
    public UpdateCategoryInputGraphType()
    {
        Name = "UpdateCategoryInput";
        Description = "What changes of a category; fields left out stay. The weight changes through setCategoryWeight.";
        Field<NonNullGraphType<StringGraphType>>("code");
        Field<StringGraphType>("name").Description("Renames it.");
        Field<StringGraphType>("nameEn");
        Field<StringGraphType>("parentCode").Description("Moves it under another category; \"\" makes it top-level. The rollups are rebuilt.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("departments").Description("Replaces its departments.");
    }
}

public sealed class ExternalLabelGraphType : ObjectGraphType<ExternalLabel>
{
    public ExternalLabelGraphType()
    {
        Name = "ExternalLabel";
        Description = "A channel's or hotline's own classification mapped to a category (外部分类映射); ingestion uses it when a record carries that label and no category.";
        Field(l => l.Source).Description("A channel code, or * for every channel.");
        Field(l => l.Label).Description("The label as the channel writes it, at any level: 城乡建设/噪声污染 or 噪声污染.");
        Field<NonNullGraphType<CategoryGraphType>>("category").Resolve(ctx => ctx.Service<Reference.ReferenceData>().Current.FindCategory(ctx.Source.CategoryCode));
        Field(l => l.UpdatedAt);
        Field(l => l.UpdatedBy);
    }
}

public sealed class MergeCategoriesPayloadGraphType : ObjectGraphType<(Category Into, long Needs)>
{
    public MergeCategoriesPayloadGraphType()
    {
        Name = "CategoryMerge";
        Description = "The category that took the merged one's needs, and how many moved.";
        Field<NonNullGraphType<CategoryGraphType>>("into").Resolve(ctx => ctx.Source.Into);
        Field<NonNullGraphType<FloatGraphType>>("movedNeeds").Resolve(ctx => (double)ctx.Source.Needs);
    }
}

internal sealed class CategoryAdminQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExternalLabelGraphType>>>>("externalLabels")
            .Description("Admin: the city's table of external labels, by source and label.")
            .Argument<StringGraphType>("source", a => a.Description = "Only this channel's (or * for every channel's).")
            .ResolveAsync(async ctx =>
            {
                var source = ctx.GetArgument<string?>("source");
                return await ctx.Service<NeedsMapDbContext>().Set<ExternalLabel>().AsNoTracking().Where(l => source == null || l.Source == source)
                    .OrderBy(l => l.Source).ThenBy(l => l.Label).ToListAsync(ctx.CancellationToken);
            });
    }
}

internal sealed class CategoryAdminMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Payload<AddCategoryInputGraphType, AddCategoryInput, CategoryGraphType>("addCategory",
            "Admin: adds a category of the city's own. Errors: INVALID_INPUT, UNKNOWN_CATEGORY (the parent), UNKNOWN_DEPARTMENT.",
            new("category", "the category added"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<CategoryAdmin>().AddAsync(input, ctx.CancellationToken));
        mutation.Payload<UpdateCategoryInputGraphType, UpdateCategoryInput, CategoryGraphType>("updateCategory",
            "Admin: renames, moves or gives departments to a category (the audit log keeps what it was). "
                + "Errors: INVALID_INPUT (retired, or a move under itself), UNKNOWN_CATEGORY, UNKNOWN_DEPARTMENT.",
            new("category", "the category as changed"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<CategoryAdmin>().UpdateAsync(input, ctx.CancellationToken));
        mutation.Payload<MergeCategoriesInputGraphType, MergeCategoriesInput, MergeCategoriesPayloadGraphType>("mergeCategories",
            "Admin: moves every need, label, whistle, scene and external label of `from` to `into`, re-parents its children, retires it "
                + "(mergedInto says where it went) and rebuilds the rollups; each need's history records the move. Errors: INVALID_INPUT, UNKNOWN_CATEGORY.",
            new("merge", "the category that took the needs and how many moved"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<CategoryAdmin>().MergeAsync(input.From, input.Into, ctx.CancellationToken));
        mutation.Payload<RetireCategoryInputGraphType, RetireCategoryInput, CategoryGraphType>("retireCategory",
            "Admin: retires a category: kept for history, never given to a new need. Errors: INVALID_INPUT (children in use), UNKNOWN_CATEGORY.",
            new("category", "the category, now retired"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<CategoryAdmin>().RetireAsync(input.Code, ctx.CancellationToken));
        mutation.Payload<SetExternalLabelInputGraphType, SetExternalLabelInput, ExternalLabelGraphType>("setExternalLabel",
            "Admin: maps a channel's own label to a category (replacing an earlier mapping). Errors: INVALID_INPUT, UNKNOWN_CHANNEL, UNKNOWN_CATEGORY.",
            new("externalLabel", "the mapping as stored"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<CategoryAdmin>().SetLabelAsync(input.Source, input.Label, input.CategoryCode, ctx.CancellationToken));
        mutation.Payload<RemoveExternalLabelInputGraphType, RemoveExternalLabelInput, BooleanGraphType>("removeExternalLabel",
            "Admin: removes a mapping; false when there was none. Errors: INVALID_INPUT, UNKNOWN_CHANNEL.",
            new("removed", "whether there was a mapping, now removed"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<CategoryAdmin>().RemoveLabelAsync(input.Source, input.Label, ctx.CancellationToken));
    }
}
