using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Failures;

/// <summary>What one door answered: the status, the Retry-After header, the body and the first error's code.</summary>
public sealed record DoorAnswer(string Door, int Status, string? RetryAfter, string Body)
{
    public JsonNode? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>extensions.code of the first error, or a tile's top-level code.</summary>
    public string? Code => Json is JsonObject o ? CodeIn(o["errors"]) ?? (o["code"] as JsonValue)?.GetValue<string>() ?? CodeIn(o["payload"])
        ?? (o["payload"] is JsonObject payload ? CodeIn(payload["errors"]) : null) : null;

    private static string? CodeIn(JsonNode? errors) => errors is JsonArray { Count: > 0 } list ? list[0]?["extensions"]?["code"]?.GetValue<string>() : null;

    public override string ToString() => $"{Door}: {Status} retry-after={RetryAfter} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}

/// <summary>The server's doors, asked the same way from every failure test: GraphQL over POST, GET and WebSocket, tiles, inboxes.</summary>
public static class Doors
{
    public const string GraphQLResponse = "application/graphql-response+json";

    public static async Task<DoorAnswer> PostAsync(HttpClient client, string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        return await SendAsync(client, request, token, "POST /graphql");
    }

    public static async Task<DoorAnswer> GetAsync(HttpClient client, string query, string? variablesJson = null, string? token = null)
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(query) + (variablesJson is null ? "" : "&variables=" + Uri.EscapeDataString(variablesJson));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(client, request, token, "GET /graphql");
    }

    public static async Task<DoorAnswer> RouteAsync(HttpClient client, string url, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(client, request, token, "GET " + url.Split('?')[0]);
    }

    public static async Task<DoorAnswer> InboxAsync(HttpClient client, string channel, string key, string payloadFile)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(payloadFile));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(payloadFile.EndsWith(".xml", StringComparison.Ordinal) ? "application/xml" : "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/{channel}/inbox") { Content = content };
        request.Headers.Add("X-Channel-Key", key);
        return await SendAsync(client, request, null, $"POST /channels/{channel}/inbox");
    }

    /// <summary>One operation over graphql-transport-ws: the first message answering it (next or error).</summary>
    public static async Task<DoorAnswer> WebSocketAsync(Uri url, string query, object? variables = null, string? token = null)
    {
        await using var ws = await WsClient.ConnectAsync(url, token is null ? null : new { authorization = "Bearer " + token });
        var ack = await ws.ReceiveAsync(TimeSpan.FromSeconds(30));
        if (ack?["type"]?.GetValue<string>() != "connection_ack")
        {
            return new("WS /graphql", 0, null, ack?.ToJsonString() ?? $"closed {ws.CloseStatus}");
        }
        await ws.SendAsync(new { id = "1", type = "subscribe", payload = new { query, variables } });
        var answer = await ws.ReceiveAsync(TimeSpan.FromSeconds(60));
        return new("WS /graphql", 0, null, answer?.ToJsonString() ?? $"closed {ws.CloseStatus}");
    }

    private static async Task<DoorAnswer> SendAsync(HttpClient client, HttpRequestMessage request, string? token, string door)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponse));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request);
        var retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ?? (response.Headers.TryGetValues("Retry-After", out var values) ? values.First() : null);
        return new(door, (int)response.StatusCode, retryAfter, await response.Content.ReadAsStringAsync());
    }
}
