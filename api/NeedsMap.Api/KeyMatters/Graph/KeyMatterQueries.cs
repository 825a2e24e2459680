using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.KeyMatters.Portraits;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Weather.Graph;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.KeyMatters.Graph;

internal sealed class KeyMatterQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<KeyMattersGraphType>>("keyMatters")
            .Description("关键小事: categories and topics of a jurisdiction (any level; the city when omitted) ranked by demand index, from the "
                + "rollups kept by ingestion, each with its components and an explanation. " + DemandComponents.Formula)
            .Argument<StringGraphType>("jurisdictionCode")
            .Argument<CellWindowInputGraphType>("window", a => a.Description = "City days, as for cells: 30 days ending today by default.")
            .Argument<IntGraphType>("top", a => a.DefaultValue = KeyMatterReader.DefaultTop)
            .Argument<CategoryLevelGraphType>("categoryLevel", a => { a.DefaultValue = CategoryLevel.Leaf; a.Description = "Rank leaf categories (default) or top-level ones."; })
            .ResolveAsync(async ctx => await ctx.Service<KeyMatterReader>().ReadAsync(ctx.GetArgument<string?>("jurisdictionCode"), Window(ctx),
                ctx.GetArgument("top", KeyMatterReader.DefaultTop), ctx.GetArgument("categoryLevel", CategoryLevel.Leaf), null, ctx.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<KeyMatterGraphType>>>>("topics")
            .Description("话题: frequent phrases of a category (a parent takes its children; every category when omitted) in a jurisdiction, "
                + "ranked by the same demand index as keyMatters.")
            .Argument<StringGraphType>("jurisdictionCode")
            .Argument<StringGraphType>("categoryCode")
            .Argument<CellWindowInputGraphType>("window")
            .Argument<IntGraphType>("top", a => a.DefaultValue = KeyMatterReader.DefaultTop)
            .ResolveAsync(async ctx => (await ctx.Service<KeyMatterReader>().ReadAsync(ctx.GetArgument<string?>("jurisdictionCode"), Window(ctx),
                ctx.GetArgument("top", KeyMatterReader.DefaultTop), CategoryLevel.Leaf, ctx.GetArgument<string?>("categoryCode"), ctx.CancellationToken)).Topics);

        query.Field<NonNullGraphType<DemandListGraphType>>("demandList")
            .Description("需求清单: the key matters with sample needs, the places where they weigh most, and the services and departments that answer them.")
            .Argument<StringGraphType>("jurisdictionCode")
            .Argument<CellWindowInputGraphType>("window")
            .Argument<IntGraphType>("top", a => a.DefaultValue = KeyMatterReader.DefaultTop)
            .ResolveAsync(async ctx => await ctx.Service<DemandListReader>().ReadAsync(ctx.GetArgument<string?>("jurisdictionCode"), Window(ctx),
                ctx.GetArgument("top", KeyMatterReader.DefaultTop), ctx.CancellationToken));

        query.Field<NonNullGraphType<GroupPortraitsGraphType>>("groupPortraits")
            .Description("群体画像: needs by reporter group, age band and gender, with what each asks for most and where. "
                + "Groups (and their categories and places) of fewer than k needs are never shown, to any role (NeedsMap:Privacy:MinimumPublicGroup, 5).")
            .Argument<StringGraphType>("jurisdictionCode")
            .Argument<CellWindowInputGraphType>("window")
            .ResolveAsync(async ctx => await ctx.Service<GroupPortraitReader>().ReadAsync(ctx.GetArgument<string?>("jurisdictionCode"), Window(ctx),
                ctx.CancellationToken));
    }

    internal static CellWindow Window(IResolveFieldContext ctx)
    {
        var window = ctx.GetArgument<Dictionary<string, object?>?>("window");
        var last = window?.GetValueOrDefault("lastDay") as DateOnly? ?? ctx.Service<CityDays>().Today;
        var days = window?.GetValueOrDefault("days") as int? ?? CellQueryDefaults.WindowDays;
        return new CellWindow(last, days);
    }
}
