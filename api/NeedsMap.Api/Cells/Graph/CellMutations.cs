using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Cells.Rollups;
using NeedsMap.Api.Cells.Warnings;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Cells.Graph;

internal sealed class CellMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RebuildResultGraphType>>("rebuildCells")
            .Description("Admin: recompute every need's weight from the current channel and category weights and rebuild the cell rollups.")
            .ResolveAsync(async ctx => await ctx.Service<CellRollupRebuilder>().RebuildAsync(ctx.CancellationToken));

        mutation.Field<NonNullGraphType<IntGraphType>>("detectWarnings")
            .Description("Admin: run the warning detector now for the window ending lastDay (today by default); returns the warnings raised.")
            .Argument<DateOnlyGraphType>("lastDay")
            .ResolveAsync(async ctx => (await ctx.Service<WarningDetector>().DetectAsync(ctx.GetArgument<DateOnly?>("lastDay"), ctx.CancellationToken)).Count);

        mutation.Field<NonNullGraphType<IntGraphType>>("detectSocialRisks")
            .Description("Admin: run the social-risk detector now for the 3-day window ending lastDay (today by default); returns the warnings raised.")
            .Argument<DateOnlyGraphType>("lastDay")
            .ResolveAsync(async ctx => (await ctx.Service<Warnings.Risk.SocialRiskDetector>().DetectAsync(ctx.GetArgument<DateOnly?>("lastDay"),
                ctx.CancellationToken)).Count);
    }
}
