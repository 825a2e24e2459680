namespace NeedsMap.Graph.Transport.Tests.Infrastructure;

/// <summary>One server with default options for every test that needs no special setting.</summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    private TransportTestServer? _server;

    public TransportTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await TransportTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server != null)
            await _server.DisposeAsync();
    }
}
