using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Tests.Export;

namespace NeedsMap.Api.Tests.Open311;

/// <summary>The production-like host with an Open311 channel key (and another channel's, which is no api_key).</summary>
public sealed class Open311Host : ExportHostBase
{
    public const string ApiKey = "open311-client-key-0123456789";
    public const string WeChatKey = "wechat-key-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Channels:Keys:open311", ApiKey);
        builder.UseSetting("NeedsMap:Channels:Keys:wechat", WeChatKey);
    }

    public async Task<(int Status, string Body, string? ContentType)> SendAsync(HttpMethod method, string url, IEnumerable<KeyValuePair<string, string>>? form = null,
        string? token = null, HttpContent? content = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(method, url) { Content = content ?? (form is null ? null : new FormUrlEncodedContent(form)) };
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
