using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NeedsMap.Bench.Subscribers;

/// <summary>One subscriber's part in a client process's spec: the server it connects to, its token, document and variables.</summary>
internal sealed record SubscriberSpec(int Index, string Uri, string Token, string Query, JsonElement Variables);

/// <summary>
/// A client process: holds a slice of the subscribers' sockets, since one process may open at most the machine's
/// per-process file limit (20,000 here, hard) of them. The coordinator drives it with one-line commands on stdin and reads
/// one-line answers on stdout; at the end it writes what each subscriber received to a file.
/// </summary>
internal static class ClientProcess
{
    /// <summary>Threads reading sockets in a process of epoll clients (<see cref="EpollReader"/>).</summary>
    public const int ReadersPerProcess = 4;

    public static async Task<int> RunAsync(string specFile, string client)
    {
        var specs = JsonSerializer.Deserialize<List<SubscriberSpec>>(await File.ReadAllTextAsync(specFile))!;
        // Several reading threads, each with its own share of the sockets: the clients share the two cores with the server and
        // PostgreSQL, and a single thread per process, preempted, fell behind (thousands of sockets with unread events, by `ss`).
        var readers = client == Options.EpollClient
            ? Enumerable.Range(0, ReadersPerProcess).Select(_ => new EpollReader(specs.Count * 5 / ReadersPerProcess + 1)).ToArray()
            : [];
        SubscriberBase Create(SubscriberSpec s) => readers.Length == 0
            ? new WebSocketSubscriber(s.Index, s.Query, s.Variables, s.Token)
            : new EpollSubscriber(s.Index, s.Query, s.Variables, s.Token, readers[s.Index % readers.Length]);
        var subscribers = specs.Select(s => (Spec: s, Subscriber: Create(s))).ToArray();
        var retries = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, subscribers.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            // A loaded server may close a socket whose connection_init it could not answer in time (4408); a client reconnects.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await subscribers[i].Subscriber.ConnectAsync(new Uri(subscribers[i].Spec.Uri), ct);
                    return;
                }
                catch (Exception e) when (attempt < 5 && e is InvalidOperationException or System.Net.WebSockets.WebSocketException
                    or System.Net.Sockets.SocketException)
                {
                    Interlocked.Increment(ref retries);
                    await subscribers[i].Subscriber.CloseAsync();
                    await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                    subscribers[i] = (subscribers[i].Spec, Create(subscribers[i].Spec));
                }
            }
        });
        await Console.Error.WriteLineAsync($"client process: {subscribers.Length} connected, {retries} reconnects");
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
        {
            var words = line.Split(' ', 2);
            switch (words[0])
            {
                case "deaf":
                    // Subscribers that have heard no need whose external id starts with the given prefix.
                    Console.WriteLine(subscribers.Count(s => !s.Subscriber.HasReceivedAny(words[1])).ToString(CultureInfo.InvariantCulture));
                    break;
                case "count":
                    Console.WriteLine(subscribers.Sum(s => (long)s.Subscriber.Count).ToString(CultureInfo.InvariantCulture));
                    break;
                case "cpu":
                    Console.WriteLine(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case "dump":
                    await DumpAsync(subscribers.Select(s => s.Subscriber), words[1]);
                    Console.WriteLine("dumped");
                    break;
                case "exit":
                    await Task.WhenAll(subscribers.Select(s => s.Subscriber.CloseAsync()));
                    foreach (var reader in readers)
                    {
                        reader.Dispose();
                    }
                    Console.WriteLine("bye");
                    return 0;
                default:
                    Console.WriteLine("unknown " + words[0]);
                    break;
            }
        }
        return 0;
    }

    // index \t externalId \t received-at timestamp \t ms since stored; failures as index \t ! \t reason.
    private static async Task DumpAsync(IEnumerable<SubscriberBase> subscribers, string path)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        foreach (var s in subscribers)
        {
            if (s.Failure is { } failure)
            {
                await writer.WriteLineAsync($"{s.Index}\t!\t{failure.ReplaceLineEndings(" ").Replace('\t', ' ')}");
            }
            foreach (var (id, at, since) in s.Received.ToList())
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{s.Index}\t{id}\t{at}\t{since:R}"));
            }
        }
    }
}
