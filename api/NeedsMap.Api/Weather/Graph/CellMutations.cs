using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Warnings;

namespace NeedsMap.Api.Weather.Graph;

internal sealed class CellMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Payload<RebuildResultGraphType>("rebuildCells",
            "Admin: recompute every need's weight from the current channel and category weights and rebuild the cell rollups.",
            new("rebuild", "what the rebuild did"), ErrorKinds.Validation,
            async ctx => await ctx.Service<CellRollupRebuilder>().RebuildAsync(ctx.CancellationToken));

        mutation.Payload<DetectWarningsInputGraphType, DetectInput, IntGraphType>("detectWarnings",
            "Admin: run the warning detector now for the window ending lastDay (today by default); returns the warnings raised.",
            new("warningsRaised", "how many warnings were raised"), ErrorKinds.Validation,
            async (ctx, input) => (await ctx.Service<WarningDetector>().DetectAsync(input.LastDay, ctx.CancellationToken)).Count);

        mutation.Payload<DetectSocialRisksInputGraphType, DetectInput, IntGraphType>("detectSocialRisks",
            "Admin: run the social-risk detector now for the 3-day window ending lastDay (today by default); returns the warnings raised.",
            new("warningsRaised", "how many warnings were raised"), ErrorKinds.Validation,
            async (ctx, input) => (await ctx.Service<Warnings.Risk.SocialRiskDetector>().DetectAsync(input.LastDay, ctx.CancellationToken)).Count);
    }
}
