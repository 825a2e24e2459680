namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>The API over a PostgreSQL cluster of its own, which the tests stop and start under it.</summary>
public sealed class OutageFixture : IAsyncLifetime
{
    private ThrowawayCluster? _cluster;
    private OutageHost? _host;

    internal ThrowawayCluster Cluster => _cluster!;

    public OutageHost Host => _host!;

    public async Task InitializeAsync()
    {
        _cluster = await ThrowawayCluster.StartAsync();
        _host = new OutageHost(_cluster.ConnectionString("needsmap"));
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>Every plugin (Open311 included) over a database the fixture owns.</summary>
public sealed class OutageHost : ChannelHost
{
    public OutageHost(string connectionString)
        : base(connectionString, ownsDatabase: false)
    {
        Plugins.Install(LateInstalled);
    }
}
