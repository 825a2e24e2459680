using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Loop;

/// <summary>A second API process on another host's database: what one server writes, the other's subscribers must hear.</summary>
public sealed class PeerHost(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:NeedsMap", connectionString);
        builder.UseSetting("NeedsMap:Loop:EscalationInterval", "00:00:00");
        builder.UseSetting("NeedsMap:Auth:AnonymousRole", "city_admin");
        builder.UseSetting("NeedsMap:LoadDemoNeeds", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task<JsonNode> OkAsync(string query, object variables)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        Payloads.AssertNoRefusals(body["data"]);
        return body["data"]!;
    }
}

/// <summary>A graphql-transport-ws client on the in-process test server.</summary>
public sealed class LoopSocket(WebSocket socket) : IAsyncDisposable
{
    public static async Task<LoopSocket> OpenAsync(WebApplicationFactory<Program> host)
    {
        var client = host.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = new LoopSocket(await client.ConnectAsync(new Uri(host.Server.BaseAddress, "graphql"), CancellationToken.None));
        await socket.SendAsync(new { type = "connection_init" });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
        return socket;
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { type = "subscribe", id, payload = new { query, variables } });

    public async Task<JsonNode> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[256 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return JsonNode.Parse(message.ToArray())!;
            }
        }
    }

    private Task SendAsync(object message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

    public ValueTask DisposeAsync()
    {
        socket.Abort();
        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
