using System.Diagnostics;
using System.Globalization;

namespace NeedsMap.Bench.Subscribers;

/// <summary>The API under test, started from its build output as a separate process, with its CPU and memory read from /proc.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static ServerProcess Start(string dll, string url, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) Console.WriteLine("server: " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.WriteLine("server! " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>User + system CPU seconds so far.</summary>
    public double CpuSeconds()
    {
        var fields = File.ReadAllText($"/proc/{Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command name: state is field 3, utime field 14 and stime field 15 (1-based in proc(5)).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    /// <summary>Resident and peak resident memory in MiB.</summary>
    public (double Rss, double Peak) Memory()
    {
        double Read(string name) => File.ReadLines($"/proc/{Id}/status").Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();
        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
