using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NeedsMap.Bench.Subscribers;

/// <summary>The coordinator's side of the client processes (<see cref="ClientProcess"/>): starts them, asks, collects.</summary>
internal sealed class ClientPool : IAsyncDisposable
{
    private readonly List<Process> _processes;
    private readonly DirectoryInfo _folder;

    private ClientPool(List<Process> processes, DirectoryInfo folder) => (_processes, _folder) = (processes, folder);

    public int Count => _processes.Count;

    public static async Task<ClientPool> StartAsync(IReadOnlyList<SubscriberSpec> subscribers, int perProcess, string client)
    {
        var folder = Directory.CreateTempSubdirectory("needsmap-bench-clients-");
        var processes = new List<Process>();
        foreach (var (slice, k) in subscribers.Chunk(perProcess).Select((s, k) => (s, k)))
        {
            var spec = Path.Combine(folder.FullName, $"spec-{k}.json");
            await File.WriteAllTextAsync(spec, JsonSerializer.Serialize(slice));
            var info = new ProcessStartInfo("dotnet", [typeof(ClientPool).Assembly.Location, "client", spec, client])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            info.Environment["DOTNET_gcServer"] = "0";
            processes.Add(Process.Start(info) ?? throw new InvalidOperationException("Could not start a client process."));
        }
        var pool = new ClientPool(processes, folder);
        foreach (var answer in await pool.AskAllAsync(null))
        {
            if (answer != "ready")
            {
                throw new InvalidOperationException($"A client process did not connect its subscribers: {answer}");
            }
        }
        return pool;
    }

    /// <summary>Sends <paramref name="command"/> (or nothing, to read a pending line) to every process and returns each one's answer.</summary>
    private async Task<string[]> AskAllAsync(string? command)
    {
        foreach (var p in _processes.Where(_ => command is not null))
        {
            await p.StandardInput.WriteLineAsync(command);
            await p.StandardInput.FlushAsync();
        }
        return await Task.WhenAll(_processes.Select(async p => await p.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"Client process {p.Id} ended.")));
    }

    public async Task<long> SumAsync(string command) =>
        (await AskAllAsync(command)).Sum(a => long.Parse(a, CultureInfo.InvariantCulture));

    public async Task<double> CpuSecondsAsync() =>
        (await AskAllAsync("cpu")).Sum(a => double.Parse(a, CultureInfo.InvariantCulture));

    /// <summary>What every subscriber received, by subscriber index, and the failures.</summary>
    public async Task<(Dictionary<int, List<(string Id, long At, double SinceStoredMs)>> Received, List<(int Index, string Reason)> Failures)> CollectAsync()
    {
        var files = _processes.Select((_, k) => Path.Combine(_folder.FullName, $"received-{k}.tsv")).ToList();
        for (var k = 0; k < _processes.Count; k++)
        {
            await _processes[k].StandardInput.WriteLineAsync("dump " + files[k]);
            await _processes[k].StandardInput.FlushAsync();
        }
        await AskAllAsync(null);
        var received = new Dictionary<int, List<(string, long, double)>>();
        var failures = new List<(int, string)>();
        foreach (var line in files.SelectMany(File.ReadLines))
        {
            var f = line.Split('\t');
            var index = int.Parse(f[0], CultureInfo.InvariantCulture);
            if (f[1] == "!")
            {
                failures.Add((index, f[2]));
                continue;
            }
            if (!received.TryGetValue(index, out var list))
            {
                received[index] = list = [];
            }
            list.Add((f[1], long.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)));
        }
        return (received, failures);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AskAllAsync("exit").WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
        }
        foreach (var p in _processes)
        {
            if (!p.HasExited)
            {
                p.Kill();
            }
            p.Dispose();
        }
        _folder.Delete(recursive: true);
    }
}
