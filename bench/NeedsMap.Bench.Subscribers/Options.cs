using System.Globalization;

namespace NeedsMap.Bench.Subscribers;

/// <summary>The bench's command line: <c>--name value</c> pairs, each with a default.</summary>
internal sealed record Options(int Subscribers, int Rate, int Seconds, int Servers, bool Mixed, int IdleSeconds, int PerClient, int? Port, string Out,
    string Client)
{
    /// <summary>The clients read their sockets from one epoll thread per process (<see cref="EpollSubscriber"/>).</summary>
    public const string EpollClient = "epoll";

    /// <summary>The clients are .NET's <see cref="System.Net.WebSockets.ClientWebSocket"/> (<see cref="WebSocketSubscriber"/>).</summary>
    public const string WebSocketClient = "websocket";

    public const string Usage = "dotnet run -c Release --project bench/NeedsMap.Bench.Subscribers -- [--subscribers 10000] [--rate 1000] "
        + "[--seconds 60] [--servers 1] [--filters same|mixed] [--idle 30] [--per-client 10000] [--port P] [--client epoll|websocket] [--out subscribers.md]";

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
        var client = values.GetValueOrDefault("client", EpollClient);
        if (client is not (EpollClient or WebSocketClient))
        {
            throw new ArgumentException("--client takes epoll or websocket. " + Usage);
        }
        return new Options(Int("subscribers", 10_000), Int("rate", 1000), Int("seconds", 60), Int("servers", 1), filters == "mixed",
            Int("idle", 30), Int("per-client", 10_000), values.ContainsKey("port") ? Int("port", 0) : null, values.GetValueOrDefault("out", "subscribers.md"),
            client);
    }

    public string CommandLine => $"dotnet run -c Release --project bench/NeedsMap.Bench.Subscribers -- --subscribers {Subscribers} --rate {Rate} "
        + $"--seconds {Seconds} --servers {Servers} --filters {(Mixed ? "mixed" : "same")} --idle {IdleSeconds} --client {Client} --out {Out}";
}
