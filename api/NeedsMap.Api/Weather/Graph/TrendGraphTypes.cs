using GraphQL.Types;
using NeedsMap.Api.Weather.Trends;
using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Graph;

public sealed class TrendIntervalGraphType : EnumerationGraphType<TrendInterval>
{
    public TrendIntervalGraphType()
    {
        Name = "TrendInterval";
    }
}

public sealed class TrendPointGraphType : ObjectGraphType<TrendPoint>
{
    public TrendPointGraphType()
    {
        Name = "TrendPoint";
        Field<NonNullGraphType<DateOnlyGraphType>>("period").Description("The period's first city day.").Resolve(ctx => ctx.Source.Period);
        Field(p => p.Count);
        Field(p => p.Weight);
    }
}

public sealed class ForecastGraphType : ObjectGraphType<Forecast>
{
    public ForecastGraphType()
    {
        Name = "Forecast";
        Field(f => f.Method).Description("How the forecast is made.");
        Field<NonNullGraphType<TrendIntervalGraphType>>("interval").Resolve(ctx => ctx.Source.Interval);
        Field(f => f.SeasonLength).Description("Periods per season the model used (7 for days, 12 for months; 1 when the history is shorter than two seasons).");
        Field<NonNullGraphType<StringGraphType>>("settings").Description("The smoothing weights chosen for this series.")
            .Resolve(ctx => ctx.Source.Settings.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointGraphType>>>>("history").Resolve(ctx => ctx.Source.History);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ForecastPointGraphType>>>>("points").Resolve(ctx => ctx.Source.Points);
        Field<NonNullGraphType<BacktestGraphType>>("backtest").Description("This method and the baselines on this history.")
            .Resolve(ctx => ctx.Source.Backtest);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ForecastDriverGraphType>>>>("drivers")
            .Description("What drives the forecast: level, trend, season, holidays ahead, the last year, the backtest.").Resolve(ctx => ctx.Source.Drivers);
        Field(f => f.Explanation).Description("The drivers in one Chinese sentence.");
        Field(f => f.ExplanationEn).Description("The drivers in one English sentence.");
    }
}

public sealed class ForecastPointGraphType : ObjectGraphType<PeriodForecast>
{
    public ForecastPointGraphType()
    {
        Name = "ForecastPoint";
        Field<NonNullGraphType<DateOnlyGraphType>>("period").Resolve(ctx => ctx.Source.Period);
        Field<NonNullGraphType<FloatGraphType>>("count").Description("The expected count.").Resolve(ctx => ctx.Source.Point.Value);
        Field<NonNullGraphType<FloatGraphType>>("lower80").Resolve(ctx => ctx.Source.Point.Lower80);
        Field<NonNullGraphType<FloatGraphType>>("upper80").Resolve(ctx => ctx.Source.Point.Upper80);
        Field<NonNullGraphType<FloatGraphType>>("lower95").Resolve(ctx => ctx.Source.Point.Lower95);
        Field<NonNullGraphType<FloatGraphType>>("upper95").Resolve(ctx => ctx.Source.Point.Upper95);
        Field<IntGraphType>("observedSoFar").Description("For the period still running: its needs so far (not fitted; the count is partial).")
            .Resolve(ctx => ctx.Source.ObservedSoFar);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("holidays")
            .Description("The holidays of the city's table the period touches (days and weeks).").Resolve(ctx => ctx.Source.Holidays.Select(h => h.Name));
    }
}

public sealed class ForecastDriverGraphType : ObjectGraphType<ForecastDriver>
{
    public ForecastDriverGraphType()
    {
        Name = "ForecastDriver";
        Description = "One thing that drives a forecast.";
        Field(d => d.Kind).Description("level, trend, season, holiday, lastYear, backtest, places or history.");
        Field(d => d.Zh).Description("In Chinese.");
        Field(d => d.En).Description("In English.");
        Field(d => d.Value, nullable: true).Description("Its number: a level, a yearly change, a seasonal peak, a holiday factor, a MASE.");
    }
}

public sealed class BacktestGraphType : ObjectGraphType<BacktestScores>
{
    public BacktestGraphType()
    {
        Name = "Backtest";
        Description = "Rolling-origin backtest over the history: each method fitted on the periods before an origin, 1..horizon ahead. "
            + "MASE divides the errors by the seasonal-naive forecast's in-sample error before the first origin.";
        Field(b => b.Origins);
        Field(b => b.Horizon);
        Field<NonNullGraphType<IntGraphType>>("forecasts").Resolve(ctx => ctx.Source.Of(ForecastBacktest.Model)?.Forecasts ?? 0);
        Field<FloatGraphType>("mae").Resolve(ctx => Finite(ctx.Source.Of(ForecastBacktest.Model)?.Mae));
        Field<FloatGraphType>("mape").Description("Percent, over non-zero actuals.").Resolve(ctx => Finite(ctx.Source.Of(ForecastBacktest.Model)?.Mape));
        Field<FloatGraphType>("mase").Resolve(ctx => Finite(ctx.Source.Of(ForecastBacktest.Model)?.Mase));
        Field<FloatGraphType>("coverage80").Description("Share of actuals inside the 80% interval.").Resolve(ctx => Finite(ctx.Source.Of(ForecastBacktest.Model)?.Coverage80));
        Field<FloatGraphType>("coverage95").Description("Share of actuals inside the 95% interval.").Resolve(ctx => Finite(ctx.Source.Of(ForecastBacktest.Model)?.Coverage95));
        Field<FloatGraphType>("seasonalNaiveMase").Description("The same phase one season back (the same weekday last week).")
            .Resolve(ctx => Finite(ctx.Source.Of(ForecastBacktest.SeasonalNaive)?.Mase));
        Field<FloatGraphType>("seasonalMeanMase").Description("The mean of the same phase over the last 4 seasons.")
            .Resolve(ctx => Finite(ctx.Source.Of(ForecastBacktest.SeasonalMean)?.Mase));
        Field<FloatGraphType>("naiveMae").Description("The last value.").Resolve(ctx => Finite(ctx.Source.Of(ForecastBacktest.Naive)?.Mae));
        Field<FloatGraphType>("naiveMape").Resolve(ctx => Finite(ctx.Source.Of(ForecastBacktest.Naive)?.Mape));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BacktestMethodGraphType>>>>("methods").Resolve(ctx => ctx.Source.Methods);
    }

    internal static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;
}

public sealed class BacktestMethodGraphType : ObjectGraphType<MethodScore>
{
    public BacktestMethodGraphType()
    {
        Name = "BacktestMethod";
        Field(s => s.Method).Description("model, seasonal naive, seasonal mean of 4, naive.");
        Field(s => s.Forecasts);
        Field<FloatGraphType>("mae").Resolve(ctx => BacktestGraphType.Finite(ctx.Source.Mae));
        Field<FloatGraphType>("mase").Resolve(ctx => BacktestGraphType.Finite(ctx.Source.Mase));
        Field<FloatGraphType>("mape").Resolve(ctx => BacktestGraphType.Finite(ctx.Source.Mape));
        Field<FloatGraphType>("coverage80").Resolve(ctx => BacktestGraphType.Finite(ctx.Source.Coverage80));
        Field<FloatGraphType>("coverage95").Resolve(ctx => BacktestGraphType.Finite(ctx.Source.Coverage95));
    }
}

public sealed class HolidayKindGraphType : EnumerationGraphType<HolidayKind>
{
    public HolidayKindGraphType()
    {
        Name = "HolidayKind";
    }
}

public sealed class HolidayGraphType : ObjectGraphType<Holiday>
{
    public HolidayGraphType()
    {
        Name = "Holiday";
        Description = "节假日: a holiday as the city observes it, which forecasts of days and weeks learn as an effect.";
        Field<NonNullGraphType<HolidayKindGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field(h => h.Year);
        Field(h => h.Name);
        Field<NonNullGraphType<DateOnlyGraphType>>("firstDay").Resolve(ctx => ctx.Source.FirstDay);
        Field<NonNullGraphType<DateOnlyGraphType>>("lastDay").Resolve(ctx => ctx.Source.LastDay);
        Field(h => h.Source).Description("computed (seeded from the lunar calendar) or city (set by a person).");
        Field(h => h.UpdatedAt);
        Field(h => h.UpdatedBy, nullable: true);
    }
}

public sealed class SetHolidayInputGraphType : InputObjectGraphType<SetHolidayInput>
{
    public SetHolidayInputGraphType()
    {
        Name = "SetHolidayInput";
        Field<NonNullGraphType<HolidayKindGraphType>>("kind");
        Field<NonNullGraphType<IntGraphType>>("year");
        Field<StringGraphType>("name").Description("Leave out to keep the name (or take the standard one).");
        Field<NonNullGraphType<DateOnlyGraphType>>("firstDay");
        Field<NonNullGraphType<DateOnlyGraphType>>("lastDay").Description("At most 31 days after firstDay, counting both.");
    }
}
