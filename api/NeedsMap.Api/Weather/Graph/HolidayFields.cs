using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;
using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Graph;

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
        mutation.Payload<SetHolidayInputGraphType, SetHolidayInput, HolidayGraphType>("setHoliday",
            "Admin: sets the days off of one holiday in one year (the State Council's arrangement); forecasts use it from the next request. "
                + "Errors: INVALID_INPUT.",
            new("holiday", "the holiday as set"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<HolidayTable>().SetAsync(input, ctx.CancellationToken));
        mutation.Payload<RemoveHolidayInputGraphType, RemoveHolidayInput, BooleanGraphType>("removeHoliday",
            "Admin: takes a holiday out of a year's table; false when it was not there.",
            new("removed", "whether the holiday was there and is now gone"), ErrorKinds.Validation,
            async (ctx, input) => await ctx.Service<HolidayTable>().RemoveAsync(input.Kind, input.Year, ctx.CancellationToken));
    }
}
