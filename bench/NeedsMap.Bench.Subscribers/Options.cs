using System.Globalization;

namespace NeedsMap.Bench.Subscribers;

/// <summary>The bench's command line: <c>--name value</c> pairs, each with a default.</summary>
internal sealed record Options(int Subscribers, int Rate, int Seconds, int Servers, bool Mixed, int IdleSeconds, int PerClient, int? Port, string Out)
{
    public const string Usage = "dotnet run -c Release --project bench/NeedsMap.Bench.Subscribers -- [--subscribers 10000] [--rate 1000] "
        + "[--seconds 60] [--servers 1] [--filters same|mixed] [--idle 30] [--per-client 10000] [--port P] [--out subscribers.md]";

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var filters = values.GetValueOrDefault("filters", "same");
        if (filters is not ("same" or "mixed"))
        {
            throw new ArgumentException("--filters takes same or mixed. " + Usage);
        }
        return new Options(Int("subscribers", 10_000), Int("rate", 1000), Int("seconds", 60), Int("servers", 1), filters == "mixed",
            Int("idle", 30), Int("per-client", 10_000), values.ContainsKey("port") ? Int("port", 0) : null, values.GetValueOrDefault("out", "subscribers.md"));
    }

    public string CommandLine => $"dotnet run -c Release --project bench/NeedsMap.Bench.Subscribers -- --subscribers {Subscribers} --rate {Rate} "
        + $"--seconds {Seconds} --servers {Servers} --filters {(Mixed ? "mixed" : "same")} --idle {IdleSeconds} --out {Out}";
}
