using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Transport;

/// <summary>The API on a real loopback socket, for clients that run outside the process (Node's graphql-http and graphql-ws).</summary>
public sealed class KestrelHost : NeedsMapHost
{
    protected override bool UseRealSockets => true;

    public Uri HttpUrl => new(Address + "/graphql");

    public Uri WebSocketUrl => new(Address.Replace("http://", "ws://", StringComparison.Ordinal) + "/graphql");

    private string Address => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First().TrimEnd('/');
}
