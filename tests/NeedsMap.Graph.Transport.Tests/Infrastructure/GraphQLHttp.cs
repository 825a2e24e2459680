using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeedsMap.Graph.Transport.Tests.Infrastructure;

/// <summary>Small HTTP helpers: build a GraphQL request with exact headers and read the answer.</summary>
public static class GraphQLHttp
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    public static readonly HttpClient Client = new();

    public static Task<HttpResponseMessage> PostAsync(Uri url, object body, string? accept = GraphQLResponse) =>
        PostRawAsync(url, JsonSerializer.Serialize(body), Json, accept);

    public static async Task<HttpResponseMessage> PostRawAsync(Uri url, string body, string? contentType, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType != null)
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept != null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await Client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetAsync(Uri url, string query, string? accept = GraphQLResponse, string? variables = null)
    {
        var uri = new UriBuilder(url) { Query = "query=" + Uri.EscapeDataString(query) + (variables == null ? "" : "&variables=" + Uri.EscapeDataString(variables)) }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (accept != null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await Client.SendAsync(request);
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");
}
