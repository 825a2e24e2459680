using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;
using NeedsMap.Api.Weather.Graph;
using NeedsMap.Api.Weather.Trends;

namespace NeedsMap.Api.Areas.Graph;

internal sealed class ServiceAreaQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceAreaGraphType>>>>("serviceAreas")
            .Description("Service areas (school districts, clinic catchments), by code.")
            .Argument<ServiceAreaKindGraphType>("kind")
            .ResolveAsync(async ctx =>
            {
                var kind = ctx.GetArgument<ServiceAreaKind?>("kind");
                return await ctx.Service<NeedsMapDbContext>().Set<ServiceArea>().AsNoTracking().Where(a => kind == null || a.Kind == kind)
                    .OrderBy(a => a.Code).ToListAsync(ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointGraphType>>>>("areaTrend")
            .Description("Needs inside a service area (in a category and its children, or all) per month or year up to today, months without needs as zeros. "
                + "Errors: NOT_FOUND, UNKNOWN_CATEGORY.")
            .Argument<NonNullGraphType<StringGraphType>>("areaCode")
            .Argument<StringGraphType>("categoryCode", a => a.Description = "e.g. education.enrollment (入学与学位); all categories when left out.")
            .Argument<NonNullGraphType<TrendIntervalGraphType>>("interval")
            .ResolveAsync(async ctx => await ctx.Service<ServiceAreaDemand>().TrendAsync(ctx.GetArgument<string>("areaCode"),
                ctx.GetArgument<string?>("categoryCode"), ctx.GetArgument<TrendInterval>("interval"), ctx.CancellationToken));

        query.Field<NonNullGraphType<ForecastGraphType>>("areaForecast")
            .Description("需求预测 for a place: needs inside a service area in a category, by MONTH (horizon up to 366) or YEAR (up to 10), with 80% and 95% "
                + "intervals, a backtest against seasonal naive and the seasonal mean, and what drives it (level, trend, season, the last year, and the "
                + "communities inside the area whose needs changed most). Errors: NOT_FOUND, UNKNOWN_CATEGORY, INVALID_INPUT.")
            .Argument<NonNullGraphType<StringGraphType>>("areaCode")
            .Argument<StringGraphType>("categoryCode")
            .Argument<NonNullGraphType<TrendIntervalGraphType>>("interval")
            .Argument<NonNullGraphType<IntGraphType>>("horizon")
            .ResolveAsync(async ctx => await ctx.Service<ServiceAreaDemand>().ForecastAsync(ctx.GetArgument<string>("areaCode"),
                ctx.GetArgument<string?>("categoryCode"), ctx.GetArgument<TrendInterval>("interval"), ctx.GetArgument<int>("horizon"), ctx.CancellationToken));
    }
}

internal sealed class ServiceAreaMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Payload<ImportServiceAreasInputGraphType, ImportServiceAreasInput, ListGraphType<NonNullGraphType<ServiceAreaGraphType>>>("importServiceAreas",
            "Admin: imports service areas from a GeoJSON FeatureCollection (an area with an existing code is replaced); all or nothing. "
                + "Errors: INVALID_INPUT, INVALID_GEOMETRY.",
            new("serviceAreas", "the areas imported"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<ServiceAreaImport>().ImportAsync(input, ctx.CancellationToken));
        mutation.Payload<RemoveServiceAreaInputGraphType, RemoveServiceAreaInput, BooleanGraphType>("removeServiceArea",
            "Admin: removes a service area; false when no area had the code.",
            new("removed", "whether an area had the code and is now gone"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<NeedsMapDbContext>().Set<ServiceArea>().Where(a => a.Code == input.Code)
                .ExecuteDeleteAsync(ctx.CancellationToken) > 0);
    }
}
