using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Replica;

/// <summary>
/// The API in process with <c>ConnectionStrings:NeedsMapReadReplica</c> naming the test standby through a
/// <see cref="TcpProxy"/>, so a test can take the standby away from this server alone. The read connections carry
/// <see cref="ApplicationName"/>, so <c>pg_stat_activity</c> tells which server they went to.
/// </summary>
public sealed class ReplicaHost : NeedsMapHost
{
    public ReplicaHost() : base(TestDatabase.NewDatabaseWithExtensions("replica"), ownsDatabase: true)
    {
        Proxy = new TcpProxy(TestReplica.Host, TestReplica.Port);
        Proxy.Start();
    }

    public TcpProxy Proxy { get; }

    public string ApplicationName { get; } = "needsmap-read-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The standby's copy of this host's database, directly (not through the relay).</summary>
    public string ReplicaConnectionString => TestReplica.For(ConnectionString, "needsmap-tests");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Npgsql looks at a host it marked down again after Host Recheck Seconds; 1 s keeps the test short.
        builder.UseSetting("ConnectionStrings:NeedsMapReadReplica", TestReplica.For(ConnectionString, ApplicationName, Proxy.Port) + ";Host Recheck Seconds=1");
        builder.UseSetting("NeedsMap:ReadReplica:PollInterval", "00:00:00.200");
    }

    protected override void OnDisposed() => Proxy.Stop();
}
