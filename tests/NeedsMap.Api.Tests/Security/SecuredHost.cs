using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Security;

/// <summary>The API as production runs it: anonymous callers get the public view; tokens signed with the test key.</summary>
public class SecuredHost : NeedsMapHost
{
    protected override string? AnonymousRole => null;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "Tests ask the host they were given for a token (host.Token(...)); the host decides the signing key.")]
    public string Token(string role, string? jurisdiction = null, string subject = "alice", string? channel = null, TimeSpan? lifetime = null,
        string? department = null) =>
        new TokenIssuer(new AuthSettings { SigningKey = TestSigningKey }).Issue(subject, role, jurisdiction, channel, lifetime ?? TimeSpan.FromHours(1), department: department);

    /// <summary>POSTs and returns the status and the parsed body (null when the body is not JSON).</summary>
    public async Task<(int Status, JsonObject? Body, HttpResponseMessage Response)> PostAsync(string query, object? variables = null, string? token = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? body = null;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return ((int)response.StatusCode, body, response);
    }
}
