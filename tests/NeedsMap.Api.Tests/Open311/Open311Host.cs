using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Channels;
using NeedsMap.Api.Tests.Export;

namespace NeedsMap.Api.Tests.Open311;

/// <summary>
/// The production-like host with an Open311 channel key (and another channel's, which is no api_key), and the Open311 pull
/// plugin installed: a GeoReport v2 client written apart from the server, to read the server's answers.
/// </summary>
public sealed class Open311Host : ExportHostBase
{
    private readonly PluginFolder _plugins = new();

    public Open311Host() => _plugins.Install("NeedsMap.Channels.Open311");

    protected override void OnDisposed() => _plugins.Dispose();

    public async Task WaitForPluginAsync()
    {
        var token = Token(RoleRights.CityAdmin);
        for (var i = 0; i < 200; i++)
        {
            var result = await PostAsync("{ channelPlugins { state channelCodes } }", token: token);
            if (result.Body?["data"]?["channelPlugins"]?.AsArray().Any(p => p!["state"]!.GetValue<string>() == "LOADED"
                && p["channelCodes"]!.AsArray().Any(c => c!.GetValue<string>() == "open311")) == true)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The Open311 plugin did not load.");
    }

    public const string ApiKey = "open311-client-key-0123456789";
    public const string WeChatKey = "wechat-key-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Channels:Keys:open311", ApiKey);
        builder.UseSetting("NeedsMap:Channels:Keys:wechat", WeChatKey);
        builder.UseSetting("NeedsMap:Plugins:Root", _plugins.Root);
        builder.UseSetting("NeedsMap:Plugins:ScanInterval", "00:00:00.200");
    }

    public async Task<(int Status, string Body, string? ContentType)> SendAsync(HttpMethod method, string url, IEnumerable<KeyValuePair<string, string>>? form = null,
        string? token = null, HttpContent? content = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(method, url) { Content = content ?? (form is null ? null : new FormUrlEncodedContent(form)) };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.Add(name, value);
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    public async Task<JsonArray> JsonAsync(string url, string? token = null, int status = 200)
    {
        var (actual, body, type) = await SendAsync(HttpMethod.Get, url, token: token);
        Assert.True(actual == status, $"GET {url}: {actual} {body}");
        Assert.Equal("application/json", type);
        return JsonNode.Parse(body)!.AsArray();
    }
}
