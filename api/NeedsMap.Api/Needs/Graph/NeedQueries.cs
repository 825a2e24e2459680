using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Needs.Graph;

internal sealed class NeedQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<NeedGraphType, Need>>>("needs")
            .Description("Needs matching a filter, newest first by default, a page at a time.")
            .Argument<NeedFilterInputGraphType>("where")
            .Argument<NeedOrderGraphType>("order", a => a.DefaultValue = NeedOrder.ReceivedAtDesc)
            .PagingArguments()
            .ResolveAsync(async ctx => await ctx.Service<NeedReader>().PageAsync(
                ctx.GetArgument<NeedFilter?>("where"), ctx.GetArgument("order", NeedOrder.ReceivedAtDesc), ctx.Page(), ctx.CancellationToken));

        query.Field<NeedGraphType>("need")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => GlobalId.TryDecodeLong(ctx.GetArgument<string>("id"), NeedGraphType.TypeName, out var id)
                ? await ctx.Service<NeedReader>().FindAsync(id, ctx.CancellationToken)
                : null);

        query.Field<NonNullGraphType<NeedStatsGraphType>>("needStats")
            .Description("Counts of the needs matching a filter, grouped one way.")
            .Argument<NeedFilterInputGraphType>("where")
            .Argument<NonNullGraphType<NeedStatsGroupingGraphType>>("groupBy")
            .Argument<CategoryLevelGraphType>("categoryLevel", a =>
            {
                a.DefaultValue = CategoryLevel.Leaf;
                a.Description = "With groupBy CATEGORY: TOP groups by top-level category, LEAF by the need's own category.";
            })
            .Argument<JurisdictionLevelGraphType>("jurisdictionLevel", a =>
            {
                a.DefaultValue = JurisdictionLevel.Community;
                a.Description = "With groupBy JURISDICTION: the level to group at.";
            })
            .ResolveAsync(async ctx => await ctx.Service<NeedStatsReader>().ReadAsync(
                ctx.GetArgument<NeedFilter?>("where"), ctx.GetArgument<NeedStatsGrouping>("groupBy"),
                ctx.GetArgument("categoryLevel", CategoryLevel.Leaf), ctx.GetArgument("jurisdictionLevel", JurisdictionLevel.Community),
                // Not asked, distinct reporters are not counted, and a rollup may answer (Needs/Stats/NeedStatRollup).
                SelectedFields.Selects(ctx, "groups", "distinctReporters"), ctx.CancellationToken));
    }
}
