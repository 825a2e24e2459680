using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>
/// The server as people meet it: callers without a token are the public (no anonymous administrator), demo sign-in on,
/// real sockets, and public socket limits small enough to reach in a test.
/// </summary>
public class FrontDoorHost : SecuredHost
{
    public const int SocketsPerAddress = 3;
    public const int SubscribesPerMinute = 6;

    protected override bool UseRealSockets => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Demo:Enabled", "true");
        builder.UseSetting("NeedsMap:PublicView:MaxSocketsPerAddress", SocketsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("NeedsMap:PublicView:SubscribesPerMinute", SubscribesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Uri WebSocketUrl => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
        .Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/graphql");

    /// <summary>Signs in as a demo persona through POST /demo/sign-in, as the page does; null for the public.</summary>
    public async Task<string?> SignInAsync(string persona)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/demo/sign-in", new { persona });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["token"]?.GetValue<string>();
    }

    /// <summary>GET with an optional bearer token: status, body bytes and the response.</summary>
    public async Task<(int Status, byte[] Body, HttpResponseMessage Response)> GetAsync(string path, string? token = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var client = CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response);
    }
}
