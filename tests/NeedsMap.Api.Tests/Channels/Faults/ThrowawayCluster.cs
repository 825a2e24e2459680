using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>
/// A PostgreSQL + PostGIS cluster of a test's own, on a free port, that the test may stop and start under a running server
/// (the suite's shared cluster must stay up for everyone else). Made with the same binaries as scripts/lib/postgis.sh; as
/// root it runs as that script's unprivileged owner, since PostgreSQL refuses to run as root.
/// </summary>
internal sealed class ThrowawayCluster : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;
    private readonly int _port;

    private ThrowawayCluster(string directory, int port)
    {
        _directory = directory;
        _port = port;
    }

    public static bool IsAvailable => File.Exists(Path.Combine(Bin, "initdb")) && File.Exists("/usr/share/postgresql/15/extension/postgis.control");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database, Pooling = true, Timeout = 5, CommandTimeout = 60,
    }.ConnectionString;

    public static async Task<ThrowawayCluster> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "needsmap-fault-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var cluster = new ThrowawayCluster(directory, FreePort());
        if (IsRoot)
        {
            await RunAsync("chown", "needsmap:", directory);
        }
        await AsOwnerAsync(Path.Combine(Bin, "initdb"), "-D", cluster.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        await File.AppendAllTextAsync(Path.Combine(cluster.Data, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {cluster._port}
            unix_socket_directories = '{cluster.Data}'
            max_connections = 100
            fsync = on
            synchronous_commit = on
            shared_buffers = 64MB

            """);
        await cluster.StartServerAsync();
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE needsmap", admin);
            await create.ExecuteNonQueryAsync();
        }
        return cluster;
    }

    private string Data => Path.Combine(_directory, "data");

    /// <summary>Stops the server as an operator's fast shutdown does: connections are cut, open transactions roll back.</summary>
    public Task StopServerAsync() => AsOwnerAsync(Path.Combine(Bin, "pg_ctl"), "-D", Data, "-m", "fast", "-w", "stop");

    public Task StartServerAsync() =>
        AsOwnerAsync(Path.Combine(Bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await AsOwnerAsync(Path.Combine(Bin, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task AsOwnerAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("setpriv", ["--reuid=needsmap", "--regid=needsmap", "--init-groups", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await errors}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
