using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Graph.Transport.Caching;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Tests.TestSchema;

namespace NeedsMap.Graph.Transport.Tests.Caching;

/// <summary>The test server with the response cache on and callers partitioned by X-Who.</summary>
public sealed class CachingServer : IAsyncDisposable
{
    private readonly TransportTestServer _server;

    private CachingServer(TransportTestServer server) => _server = server;

    public GraphQLResponseCache Cache => _server.Services.GetRequiredService<GraphQLResponseCache>();

    public TestCacheVersion Version => _server.Services.GetRequiredService<TestCacheVersion>();

    public static async Task<CachingServer> StartAsync(Action<GraphQLResponseCacheOptions>? options = null) =>
        new(await TransportTestServer.StartAsync(services: s => s.AddGraphQLResponseCache(options).AddSingleton<ICallerPartition, WhoPartition>()));

    /// <summary>POSTs a JSON body as written (so a test controls key order and spacing); returns the status, media type and body text.</summary>
    public async Task<(int Status, string? MediaType, string Body)> PostAsync(string json, string? who = null, string accept = GraphQLHttp.GraphQLResponse,
        string? cacheControl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.HttpUrl) { Content = new StringContent(json, Encoding.UTF8, GraphQLHttp.Json) };
        return await SendAsync(request, who, accept, cacheControl);
    }

    public async Task<(int Status, string? MediaType, string Body)> GetAsync(string query, string? who = null, string accept = GraphQLHttp.GraphQLResponse)
    {
        var uri = new UriBuilder(_server.HttpUrl) { Query = "query=" + Uri.EscapeDataString(query) }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await SendAsync(request, who, accept, null);
    }

    public static string Body(string query, string? variables = null) =>
        variables is null ? $$"""{"query":{{System.Text.Json.JsonSerializer.Serialize(query)}}}"""
            : $$"""{"query":{{System.Text.Json.JsonSerializer.Serialize(query)}},"variables":{{variables}}}""";

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static async Task<(int, string?, string)> SendAsync(HttpRequestMessage request, string? who, string accept, string? cacheControl)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (who is not null)
            request.Headers.Add("X-Who", who);
        if (cacheControl is not null)
            request.Headers.TryAddWithoutValidation("Cache-Control", cacheControl);
        using var response = await GraphQLHttp.Client.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}
