using NeedsMap.Bench.Foresight.Forecast;
using NeedsMap.Bench.Foresight.Risk;
using NeedsMap.Bench.Foresight.Scenes;

// dotnet run -c Release --project bench/NeedsMap.Bench.Foresight -- forecast [eval]
//                                                                 -- scenes [eval]
//                                                                 -- risk [eval]
// Without eval a development run: other seeds, printed only. With eval the held-out seeds, written to bench/results.
return args.FirstOrDefault() switch
{
    "forecast" => await ForecastBench.RunAsync(args[1..]),
    "scenes" => await ScenePowerBench.RunAsync(args[1..]),
    "risk" => await RiskBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: NeedsMap.Bench.Foresight forecast|scenes|risk [eval]");
    return 2;
}
