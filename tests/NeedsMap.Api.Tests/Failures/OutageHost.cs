using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Channels;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.Failures;

/// <summary>
/// The API as production runs it (the public view for anonymous callers, real sockets, the 12345 channel's plugin and key),
/// reaching its PostgreSQL only through a <see cref="TcpProxy"/> the test can stop.
/// </summary>
public sealed class OutageHost : NeedsMapHost
{
    public const string Channel = "12345";
    public const string ChannelKey = "outage-key-12345-0123456789";
    private readonly PluginFolder _plugins = new();

    public OutageHost() : this(Relay())
    {
    }

    private OutageHost((TcpProxy Proxy, string ConnectionString) relay) : base(relay.ConnectionString, ownsDatabase: true)
    {
        Proxy = relay.Proxy;
        _plugins.Install("NeedsMap.Channels.Hotline12345");
    }

    public TcpProxy Proxy { get; }

    protected override string? AnonymousRole => null;

    protected override bool UseRealSockets => true;

    public Uri WebSocketUrl => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
        .Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/graphql");

    public static string SamplePayload => PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid").First();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "Tests ask the host they were given for a token (host.Token(...)); the host decides the signing key.")]
    public string Token(string role, string? jurisdiction = null, string subject = "alice") =>
        new TokenIssuer(new AuthSettings { SigningKey = TestSigningKey }).Issue(subject, role, jurisdiction, null, TimeSpan.FromHours(1));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Plugins:Root", _plugins.Root);
        builder.UseSetting("NeedsMap:Plugins:ScanInterval", "00:00:00.200");
        builder.UseSetting($"NeedsMap:Channels:Keys:{Channel}", ChannelKey);
    }

    private static (TcpProxy, string) Relay()
    {
        var target = new NpgsqlConnectionStringBuilder(TestDatabase.NewDatabaseConnectionString("outage"));
        var proxy = new TcpProxy(target.Host!, target.Port);
        proxy.Start();
        target.Host = "127.0.0.1";
        target.Port = proxy.Port;
        return (proxy, target.ConnectionString);
    }

    protected override void OnDisposed()
    {
        Proxy.Stop();
        _plugins.Dispose();
    }
}
