using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;
using NeedsMap.Api.KeyMatters.Rollups;

namespace NeedsMap.Api.KeyMatters.Graph;

public sealed class KeyMatterRebuildGraphType : ObjectGraphType<KeyMatterRebuilder.Result>
{
    public KeyMatterRebuildGraphType()
    {
        Name = "KeyMatterRebuild";
        Field(r => r.Needs);
        Field(r => r.Topics).Description("Topic phrases learned.");
        Field(r => r.Cases).Description("Cases linked.");
        Field(r => r.Rows).Description("Rollup rows written.");
        Field<NonNullGraphType<FloatGraphType>>("seconds").Resolve(ctx => Math.Round(ctx.Source.Elapsed.TotalSeconds, 3));
    }
}

internal sealed class KeyMatterMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Payload<SetCategoryWeightInputGraphType, SetCategoryWeightInput, CategoryGraphType>("setCategoryWeight",
            "Admin: how much one need of a category weighs in demand indexes (类别权重, above 0, at most 100). Reweighs the category's "
                + "needs and its rows in the key-matter and cell rollups at once. UNKNOWN_CATEGORY, INVALID_INPUT.",
            new("category", "the category with its new weight"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<CategoryWeights>().SetAsync(input.Code, input.Weight, ctx.CancellationToken));

        mutation.Payload<KeyMatterRebuildGraphType>("rebuildKeyMatters",
            "Admin: relearn the topics, relink every case and rebuild the key-matter rollups from the needs.",
            new("rebuild", "what the rebuild did"), ErrorKinds.Validation,
            async ctx => await ctx.Service<KeyMatterRebuilder>().RebuildAsync(ctx.CancellationToken));
    }
}
