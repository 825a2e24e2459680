using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Cells.Trends.Holidays;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Cells.Graph;

/// <summary>The city's holiday table (节假日表), which forecasts of days and weeks read.</summary>
internal sealed class HolidayQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<HolidayGraphType>>>>("holidays")
            .Description("The holiday table, by first day: seeded from the lunar calendar, corrected by the city (setHoliday).")
            .Argument<IntGraphType>("year")
            .ResolveAsync(async ctx => await ctx.Service<HolidayTable>().ListAsync(ctx.GetArgument<int?>("year"), ctx.CancellationToken));
}

internal sealed class HolidayMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<HolidayGraphType>>("setHoliday")
            .Description("Admin: sets the days off of one holiday in one year (the State Council's arrangement); forecasts use it from the next request. "
                + "Errors: INVALID_INPUT.")
            .Argument<NonNullGraphType<SetHolidayInputGraphType>>("input")
            .ResolveAsync(async ctx => await ctx.Service<HolidayTable>().SetAsync(ctx.GetArgument<SetHolidayInput>("input"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<BooleanGraphType>>("removeHoliday")
            .Description("Admin: takes a holiday out of a year's table; false when it was not there.")
            .Argument<NonNullGraphType<HolidayKindGraphType>>("kind")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .ResolveAsync(async ctx => await ctx.Service<HolidayTable>().RemoveAsync(ctx.GetArgument<HolidayKind>("kind"), ctx.GetArgument<int>("year"),
                ctx.CancellationToken));
    }
}
