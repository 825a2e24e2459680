using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Trends;
using NeedsMap.Api.Weather.Warnings;
using NeedsMap.Graph.Transport.Caching;

namespace NeedsMap.Api.Weather.Graph;

internal sealed class CellQueries : IQueryFields
{
    public const int MaxWarnings = 500;

    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CellGraphType>>>>("cells")
            .Description("需求天气图: cells with demand in the window or its baseline, read from the rollups. "
                + "where takes categoryIn, channelIn, jurisdictionIn (by the cell's centre) with and/or/not; other conditions fail with "
                + "UNSUPPORTED_CELL_FILTER. Give bbox or jurisdictionCode to narrow the area. " + WeatherRule.Description)
            .Argument<NonNullGraphType<CellResolutionGraphType>>("resolution")
            .Argument<BoundingBoxInputGraphType>("bbox")
            .Argument<StringGraphType>("jurisdictionCode")
            .Argument<NeedFilterInputGraphType>("where")
            .Argument<CellWindowInputGraphType>("window")
            .Argument<IntGraphType>("baselineWindows", a => a.DefaultValue = CellQueryDefaults.BaselineWindows)
            .CacheResponse(typeof(CellResponseVersion))
            .ResolveAsync(async ctx => await ctx.Service<CellReader>().ReadAsync(ctx.GetArgument<HexResolution>("resolution"),
                ctx.GetArgument<BoundingBox?>("bbox"), ctx.GetArgument<string?>("jurisdictionCode"), ctx.GetArgument<NeedFilter?>("where"),
                Window(ctx), ctx.GetArgument("baselineWindows", CellQueryDefaults.BaselineWindows), ctx.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointGraphType>>>>("trend")
            .Description("Needs per city day, week (from Monday), month or year for any filter, empty periods included as zeros.")
            .Argument<NeedFilterInputGraphType>("where")
            .Argument<NonNullGraphType<TrendIntervalGraphType>>("interval")
            .ResolveAsync(async ctx => await ctx.Service<TrendReader>().ReadAsync(ctx.GetArgument<NeedFilter?>("where"),
                ctx.GetArgument<TrendInterval>("interval"), ctx.CancellationToken));

        query.Field<NonNullGraphType<ForecastGraphType>>("forecast")
            .Description("The trend continued `horizon` periods ahead (years: 1 to 10) with 80% and 95% intervals, what drives it, and how the "
                + "method and the seasonal-naive and seasonal-mean baselines did on the history. The period still running is forecast, not fitted. "
                + DemandForecaster.Method + ". Errors: INVALID_INPUT.")
            .Argument<NeedFilterInputGraphType>("where")
            .Argument<NonNullGraphType<TrendIntervalGraphType>>("interval")
            .Argument<NonNullGraphType<IntGraphType>>("horizon")
            .Argument<BooleanGraphType>("untilToday", a =>
            {
                a.DefaultValue = false;
                a.Description = "Count the periods without needs up to today as zeros (false: the history ends with its last period that has needs).";
            })
            .ResolveAsync(async ctx => await ctx.Service<ForecastBuilder>().BuildAsync(ctx.GetArgument<NeedFilter?>("where"),
                ctx.GetArgument<TrendInterval>("interval"), ctx.GetArgument<int>("horizon"), ctx.GetArgument("untilToday", false), ctx.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DemandWarningGraphType>>>>("warnings")
            .Description("Demand warnings, newest first: in a jurisdiction's subtree (cell and community warnings) or city-wide. "
                + "Without a token: rises of at least NeedsMap:Privacy:MinimumPublicGroup needs, cells of 500 m and up, small baseline counts withheld.")
            .DeprecationReason("Use warningsConnection: the same warnings a page at a time, with totalCount.")
            .Argument<StringGraphType>("jurisdictionCode")
            .Argument<DateTimeOffsetGraphType>("since", a => a.Description = "Raised at or after this instant.")
            .Argument<WarningScopeGraphType>("scope")
            .Argument<WarningKindGraphType>("kind", a => a.Description = "SURGE or SOCIAL_RISK; both when left out.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 100)
            .ResolveAsync(async ctx =>
            {
                var first = Math.Clamp(ctx.GetArgument("first", 100), 1, MaxWarnings);
                var found = await Warnings(ctx).OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Take(first).ToListAsync(ctx.CancellationToken);
                return found.Select(w => AsShown(ctx, w)).ToList();
            });
        query.Field<NonNullGraphType<ConnectionGraphType<DemandWarningGraphType, DemandWarning>>>("warningsConnection")
            .Description("Demand warnings, newest first, a page at a time: in a jurisdiction's subtree (cell and community warnings) or city-wide. "
                + "Without a token: rises of at least NeedsMap:Privacy:MinimumPublicGroup needs, cells of 500 m and up, small baseline counts withheld; totalCount counts only those.")
            .Argument<StringGraphType>("jurisdictionCode", "Only warnings in this jurisdiction's subtree.")
            .Argument<DateTimeOffsetGraphType>("since", "Raised at or after this instant.")
            .Argument<WarningScopeGraphType>("scope", "Only warnings about this kind of place or group.")
            .Argument<WarningKindGraphType>("kind", "SURGE or SOCIAL_RISK; both when left out.")
            .PagingArguments()
            .ResolveAsync(async ctx =>
            {
                var page = await IdKeysetPaging.PageAsync(Warnings(ctx), w => w.Id, ctx.Page(), ctx.CancellationToken);
                return page with { Edges = page.Edges.Select(e => e with { Node = AsShown(ctx, e.Node) }).ToList() };
            });
    }

    /// <summary>The warnings a caller may see, filtered by the arguments both fields share, the public's rule in the query.</summary>
    private static IQueryable<DemandWarning> Warnings(IResolveFieldContext ctx)
    {
        // Warnings tolerate lag: they are read where the map's other aggregates are (Data/ReadDatabase).
        var query = ctx.Service<IServiceProvider>().GetRequiredKeyedService<NeedsMapDbContext>(ReadDatabase.Key)
            .Set<DemandWarning>().AsNoTracking();
        var access = ctx.Service<AccessScope>().Weather;
        if (access.AggregatePathPrefix is { } visible)
        {
            query = query.Where(w => w.JurisdictionPath != null && w.JurisdictionPath.StartsWith(visible));
        }
        if (ctx.GetArgument<string?>("jurisdictionCode") is { } code)
        {
            var path = (ctx.Service<ReferenceData>().Current.FindJurisdiction(code)
                ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{code}\".")).Path;
            query = query.Where(w => w.JurisdictionPath != null && w.JurisdictionPath.StartsWith(path));
        }
        if (ctx.GetArgument<DateTimeOffset?>("since")?.ToUniversalTime() is { } since)
        {
            // PostgreSQL's timestamptz takes instants in UTC only; "2026-06-01T08:00:00+08:00" is the same instant.
            query = query.Where(w => w.RaisedAt >= since);
        }
        if (ctx.GetArgument<WarningScope?>("scope") is { } scope)
        {
            query = query.Where(w => w.Scope == scope);
        }
        if (ctx.GetArgument<WarningKind?>("kind") is { } kind)
        {
            query = query.Where(w => w.Kind == kind);
        }
        // The small-group and cell-size rules in the query, so `first`, a page and totalCount see only what the public is shown.
        return access.IsPublic ? query.Where(PublicWarnings.ShownToPublic(access.SuppressGroupsBelow)) : query;
    }

    private static DemandWarning AsShown(IResolveFieldContext ctx, DemandWarning warning)
    {
        var access = ctx.Service<AccessScope>().Weather;
        return PublicWarnings.For(warning, access.IsPublic, access.SuppressGroupsBelow);
    }

    private static CellWindow Window(IResolveFieldContext ctx)
    {
        var window = ctx.GetArgument<Dictionary<string, object?>?>("window");
        var last = window?.GetValueOrDefault("lastDay") as DateOnly? ?? ctx.Service<CityDays>().Today;
        var days = window?.GetValueOrDefault("days") as int? ?? CellQueryDefaults.WindowDays;
        return new CellWindow(last, days);
    }
}
