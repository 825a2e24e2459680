using GraphQL.Types;
using NeedsMap.Api.Cells.Trends;

namespace NeedsMap.Api.Cells.Graph;

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

public sealed record Forecast(string Method, int SeasonLength, IReadOnlyList<TrendPoint> History, IReadOnlyList<ForecastPoint> Points,
    IReadOnlyList<DateOnly> Periods, BacktestErrors Backtest);

public sealed class ForecastGraphType : ObjectGraphType<Forecast>
{
    public ForecastGraphType()
    {
        Name = "Forecast";
        Field(f => f.Method).Description("How the forecast is made.");
        Field(f => f.SeasonLength).Description("Periods per season (7 for days, 12 for months; 1 when the history is too short).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointGraphType>>>>("history").Resolve(ctx => ctx.Source.History);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ForecastPointGraphType>>>>("points")
            .Resolve(ctx => ctx.Source.Points.Select((p, i) => (p, ctx.Source.Periods[i])).ToList());
        Field<NonNullGraphType<BacktestGraphType>>("backtest").Description("This method and the naive forecast on this history.")
            .Resolve(ctx => ctx.Source.Backtest);
    }
}

public sealed class ForecastPointGraphType : ObjectGraphType<(ForecastPoint Point, DateOnly Period)>
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
    }
}

public sealed class BacktestGraphType : ObjectGraphType<BacktestErrors>
{
    public BacktestGraphType()
    {
        Name = "Backtest";
        Description = "Rolling-origin backtest over the history: every origin with two seasons behind it, 1..horizon steps ahead.";
        Field(b => b.Forecasts);
        Field<FloatGraphType>("mae").Resolve(ctx => Finite(ctx.Source.Mae));
        Field<FloatGraphType>("mape").Description("Percent, over non-zero actuals.").Resolve(ctx => Finite(ctx.Source.Mape));
        Field<FloatGraphType>("naiveMae").Resolve(ctx => Finite(ctx.Source.NaiveMae));
        Field<FloatGraphType>("naiveMape").Resolve(ctx => Finite(ctx.Source.NaiveMape));
    }

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 4) : null;
}
