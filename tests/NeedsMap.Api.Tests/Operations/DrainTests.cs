using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Operations;

/// <summary>A real socket server that, told to stop, keeps answering for three seconds (NeedsMap:Operations:DrainDelay).</summary>
public sealed class DrainingHost : NeedsMapHost
{
    // Its settings seed something else than the default host's first start.
    public DrainingHost()
        : base(seeded: false)
    {
    }

    protected override bool UseRealSockets => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:LoadDemoCity", "false");
        builder.UseSetting("NeedsMap:Operations:DrainDelay", "00:00:03");
    }

    public string Address => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
}

public sealed class DrainTests(DrainingHost host) : IClassFixture<DrainingHost>
{
    [Fact]
    public async Task A_stopping_server_tells_sockets_to_reconnect_and_answers_unready_while_it_drains()
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.Address) };
        await using var socket = await WsClient.ConnectAsync(new Uri(host.Address.Replace("http://", "ws://", StringComparison.Ordinal) + "/graphql"), null);
        Assert.Equal("connection_ack", (await socket.ReceiveAsync(TimeSpan.FromSeconds(10)))?["type"]?.GetValue<string>());

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        // The socket is closed with 1001 (going away): graphql-ws clients reconnect, to another server behind the balancer.
        Assert.Null(await socket.ReceiveAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("draining", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Requests are still served while draining.
        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
