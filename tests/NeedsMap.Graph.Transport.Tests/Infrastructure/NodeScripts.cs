using System.Diagnostics;
using System.Security.Cryptography;

namespace NeedsMap.Graph.Transport.Tests.Infrastructure;

/// <summary>
/// Runs the scripts in the repository's tests/js with Node, installing their packages first with
/// <c>npm ci</c> when node_modules is missing or was installed from another package-lock.json.
/// Self-contained on purpose: another test project can copy this file as it is (change the namespace).
/// </summary>
public static class NodeScripts
{
    private const string StampFile = ".installed-from-lock.sha256";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    /// <summary>The tests/js folder, found by walking up from the test binaries to the repository.</summary>
    public static string Directory { get; } = FindJsDirectory();

    public static async Task<NodeRun> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        await EnsureInstalledAsync();
        return await RunProcessAsync("node", [script, .. arguments], timeout);
    }

    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (_installed)
                return;
            // A file lock, because several test projects may run at once and share tests/js.
            await using var fileLock = await AcquireFileLockAsync(Path.Combine(Directory, ".npm-ci.lock"));
            var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Directory, "package-lock.json"))));
            var stamp = Path.Combine(Directory, "node_modules", StampFile);
            if (!File.Exists(stamp) || await File.ReadAllTextAsync(stamp) != lockHash)
            {
                var install = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                if (install.ExitCode != 0)
                    throw new InvalidOperationException($"npm ci failed in {Directory} ({install.ExitCode}):\n{install.StandardOutput}\n{install.StandardError}");
                await File.WriteAllTextAsync(stamp, lockHash);
            }
            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<NodeRun> RunProcessAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout}:\n{await output}\n{await error}");
        }
        return new NodeRun(process.ExitCode, await output, await error);
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }

    private static string FindJsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "js");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new DirectoryNotFoundException($"No tests/js/package.json above {AppContext.BaseDirectory}.");
    }
}

/// <summary>What a finished script printed, and how it ended.</summary>
public sealed record NodeRun(int ExitCode, string StandardOutput, string StandardError);
