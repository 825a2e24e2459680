using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NeedsMap.Api.Security;
using NeedsMap.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Security;

/// <summary>
/// Hostile and broken requests: each gets a clear answer (an HTTP 4xx, or a GraphQL error with a code), never a
/// 500, a hang or a write.
/// </summary>
public sealed class BadInputTests(SecuredKestrelHost host, ITestOutputHelper output) : IClassFixture<SecuredKestrelHost>, IAsyncLifetime
{
    private sealed record Case(string Name, Func<HttpRequestMessage> Request, string? ExpectCode = null, int? ExpectStatus = null);

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin);

    private HttpRequestMessage Post(string body, string? token = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    private HttpRequestMessage Gql(string query, object? variables = null, string? token = null, string? operationName = null) =>
        Post(JsonSerializer.Serialize(new { query, variables, operationName }), token ?? Admin);

    private static string Nested(int depth, string inner)
    {
        var text = inner;
        for (var i = 0; i < depth; i++)
        {
            text = "children { " + text + " }";
        }
        return text;
    }

    private HttpRequestMessage NestedFilter(int depth)
    {
        var filter = "{\"categoryIn\":[\"noise\"]}";
        for (var i = 0; i < depth; i++)
        {
            filter = "{\"and\":[" + filter + "]}";
        }
        return Post("{\"query\":\"query($w: NeedFilter) { needs(where: $w) { totalCount } }\",\"variables\":{\"w\":" + filter + "}}", Admin);
    }

    private IEnumerable<Case> Cases()
    {
        var point = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var submit = "mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }";
        object Input(object? location, string text = "路灯坏了") => new { input = new { text, location, categoryCode = "noise" } };
        var goodLocation = new { type = "Point", coordinates = new[] { point.Longitude, point.Latitude } };

        yield return new("oversized body (2 MiB)", () => Gql("{ channels { code } } #" + new string('x', 2 * 1024 * 1024)), ExpectStatus: 413);
        yield return new("deep selection (40 levels)", () => Gql("{ jurisdictions { " + Nested(40, "code") + " } }"));
        yield return new("deep introspection (30 levels)", () => Gql("{ __schema { types { " + string.Concat(Enumerable.Repeat("fields { type { ", 15)) + "name" + new string('}', 30) + " } } }"));
        yield return new("filter nested 20 deep", () => NestedFilter(20), "INVALID_FILTER");
        yield return new("variables nested 300 deep", () => NestedFilter(300));
        yield return new("malformed JSON", () => Post("{\"query\": \"{ channels { code } }\"", Admin), ExpectStatus: 400);
        yield return new("JSON array body", () => Post("[1,2,3]", Admin), ExpectStatus: 400);
        yield return new("query is a number", () => Post("{\"query\": 5}", Admin), ExpectStatus: 400);
        yield return new("variables is a string", () => Post("{\"query\": \"{ channels { code } }\", \"variables\": \"x\"}", Admin), ExpectStatus: 400);
        yield return new("variable of the wrong type", () => Gql("query($f: Int) { needs(first: $f) { totalCount } }", new { f = "many" }));
        yield return new("invalid UTF-8", () =>
        {
            var r = Post("", Admin);
            r.Content = new ByteArrayContent([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]);
            r.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
            return r;
        }, ExpectStatus: 400);
        yield return new("text/plain body", () => Post("{ channels { code } }", Admin, "text/plain"), ExpectStatus: 415);
        yield return new("huge textContains (600 KB)", () => Gql("query($w: NeedFilter) { needs(where: $w) { totalCount } }", new { w = new { textContains = new string('噪', 100_000) } }), "INVALID_FILTER");
        yield return new("huge categoryIn (20k codes)", () => Gql("query($w: NeedFilter) { needs(where: $w) { totalCount } }", new { w = new { categoryIn = Enumerable.Repeat("nope", 20_000).ToArray() } }), "UNKNOWN_CATEGORY");
        yield return new("page size 100000", () => Gql("{ needs(first: 100000) { totalCount } }"), "PAGE_TOO_LARGE");
        yield return new("negative page size", () => Gql("{ needs(first: -1) { totalCount } }"), "INVALID_PAGING");
        yield return new("page size over the deputy's 100", () => Gql("{ needs(first: 200) { totalCount } }", token: host.Token(RoleRights.Deputy, TestNeeds.Jiangdong)), "PAGE_TOO_LARGE");
        yield return new("GeoJSON: unclosed polygon", () => Gql("query($w: NeedFilter) { needs(where: $w) { totalCount } }",
            new { w = new { within = new { type = "Polygon", coordinates = new[] { new[] { new[] { 120.0, 29.0 }, new[] { 120.1, 29.0 }, new[] { 120.1, 29.1 } } } } } }), "INVALID_GEOMETRY");
        yield return new("GeoJSON: coordinates out of range", () => Gql(submit, Input(new { type = "Point", coordinates = new[] { 999.0, 999.0 } })), "INVALID_GEOMETRY");
        yield return new("GeoJSON: a string", () => Gql(submit, Input("POINT(120 29)")), "INVALID_GEOMETRY");
        yield return new("GeoJSON: unknown type", () => Gql(submit, Input(new { type = "Circle", coordinates = new[] { 120.0, 29.0 } })), "INVALID_GEOMETRY");
        yield return new("GeoJSON: NaN-like coordinates", () => Post("{\"query\":\"mutation { submitNeed(input: {text: \\\"x\\\", location: {type: \\\"Point\\\", coordinates: [1e999, 1]}}) { id } }\"}", Admin));
        yield return new("submitNeed text of 5000 characters", () => Gql(submit, Input(goodLocation, new string('路', 5000))), "INVALID_INPUT");
        yield return new("submitNeed text with a NUL byte", () => Gql(submit, Input(goodLocation, "路灯\0坏了")), "INVALID_INPUT");
        yield return new("unknown operation name", () => Gql("query A { channels { code } }", operationName: "B"));
        yield return new("unknown field", () => Gql("{ passwords { hash } }"));
        yield return new("syntax error", () => Gql("{ needs(first: ) { "));
        yield return new("mutation over GET", () =>
        {
            var r = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { submitNeed(input: {text: \"x\"}) { id } }"));
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
            return r;
        }, ExpectStatus: 405);
        yield return new("expired token", () => Gql("{ channels { code } }", token: host.Token(RoleRights.CityAdmin, lifetime: TimeSpan.FromSeconds(-120))), "UNAUTHENTICATED", 401);
        yield return new("token signed with another key", () => Gql("{ channels { code } }", token: new TokenIssuer(new AuthSettings { SigningKey = new string('k', 40) })
            .Issue("mallory", RoleRights.CityAdmin, null, null, TimeSpan.FromHours(1))), "UNAUTHENTICATED", 401);
        yield return new("unsigned token (alg none)", () => Gql("{ channels { code } }", token: new JsonWebTokenHandler().CreateToken(
            """{"sub":"mallory","role":"city_admin","iss":"needsmap","aud":"needsmap-graph","exp":4102444800}""")), "UNAUTHENTICATED", 401);
        yield return new("token for another audience", () => Gql("{ channels { code } }", token: new TokenIssuer(new AuthSettings { SigningKey = NeedsMapHost.TestSigningKey, Audience = "elsewhere" })
            .Issue("mallory", RoleRights.CityAdmin, null, null, TimeSpan.FromHours(1))), "UNAUTHENTICATED", 401);
        yield return new("garbage token", () => Gql("{ channels { code } }", token: "not.a.token"), "UNAUTHENTICATED", 401);
        yield return new("a 20 KB token", () => Gql("{ channels { code } }", token: new string('a', 20_000)), "UNAUTHENTICATED", 401);
        yield return new("token with an unknown role: public view", () => Gql("{ needs { totalCount } }", token: new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "needsmap", Audience = "needsmap-graph", Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "superuser" },
            SigningCredentials = new SigningCredentials(AuthSettings.Key(NeedsMapHost.TestSigningKey), SecurityAlgorithms.HmacSha256),
        })), "FORBIDDEN", 403);
        yield return new("anonymous mutation", () => Post(JsonSerializer.Serialize(new { query = submit, variables = Input(goodLocation) })), "AUTH_REQUIRED", 401);
        yield return new("street officer writing in another street", () => Gql(submit, Input(new { type = "Point", coordinates = new[] { TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity).Longitude, TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity).Latitude } }),
            token: host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong)), "FORBIDDEN");
        yield return new("deputy probing masked phone numbers with textContains", () => Gql("query($w: NeedFilter) { needs(where: $w) { totalCount } }",
            new { w = new { or = new[] { new { textContains = "13812345678" } } } }, token: host.Token(RoleRights.Deputy, TestNeeds.Jiangdong)), "FORBIDDEN");
        yield return new("public probing phone numbers through statistics", () => Post(JsonSerializer.Serialize(new
        {
            query = "query($w: NeedFilter) { needStats(where: $w, groupBy: CHANNEL) { totalCount } }",
            variables = new { w = new { textContains = "8123456" } },
        })), "FORBIDDEN");
        yield return new("100 aliases of a 500-item page", () => Gql("{ " + string.Concat(Enumerable.Range(0, 100).Select(i => $"a{i}: needs(first: 500) {{ edges {{ node {{ id text }} }} }} ")) + "}"));
        yield return new("public view nesting beyond 8", () => Post(JsonSerializer.Serialize(new { query = "{ jurisdictions { " + Nested(9, "code") + " } }" })), "TOO_DEEP");
    }

    [Fact]
    public async Task Every_bad_request_gets_a_clear_client_error_and_writes_nothing()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var c in Cases())
        {
            count++;
            var before = await CountNeedsAsync();
            using var client = host.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(30);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(c.Request());
            }
            catch (TaskCanceledException)
            {
                failures.Add($"{c.Name}: no answer within 30 s");
                continue;
            }
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            string? code = null;
            try
            {
                code = (JsonNode.Parse(text) as JsonObject)?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
            }
            catch (JsonException)
            {
            }
            if (status >= 500)
            {
                failures.Add($"{c.Name}: {status} {Short(text)}");
            }
            else if (status < 400 && code is null)
            {
                failures.Add($"{c.Name}: neither a 4xx nor an error code: {status} {Short(text)}");
            }
            if (c.ExpectStatus is { } s && s != status)
            {
                failures.Add($"{c.Name}: expected {s}, got {status} {Short(text)}");
            }
            if (c.ExpectCode is { } expected && expected != code)
            {
                failures.Add($"{c.Name}: expected {expected}, got {code} ({status}) {Short(text)}");
            }
            if (await CountNeedsAsync() != before)
            {
                failures.Add($"{c.Name}: wrote a need");
            }
        }
        count += await WebSocketCasesAsync(failures);
        output.WriteLine($"bad input: {count} cases, {failures.Count} failures");
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "needsmap-bad-input.txt"), $"{count} cases, {failures.Count} failures\n" + string.Join('\n', failures));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private async Task<int> WebSocketCasesAsync(List<string> failures)
    {
        var cases = new (string Name, object? Payload, int Close)[]
        {
            ("ws: no token", null, 4403),
            ("ws: forged token", new { authorization = "Bearer " + new TokenIssuer(new AuthSettings { SigningKey = new string('k', 40) }).Issue("m", RoleRights.CityAdmin, null, null, TimeSpan.FromHours(1)) }, 4403),
            ("ws: expired token", new { token = host.Token(RoleRights.CityAdmin, lifetime: TimeSpan.FromSeconds(-120)) }, 4403),
            ("ws: token of the wrong type", new { token = 42 }, 4403),
        };
        foreach (var (name, payload, close) in cases)
        {
            await using var ws = await WsClient.ConnectAsync(host.WebSocketUrl, payload);
            var message = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            if (message is not null || (int?)ws.CloseStatus != close)
            {
                failures.Add($"{name}: expected close {close}, got {message?.ToJsonString()} / {ws.CloseStatus}");
            }
        }
        await using (var ws = await WsClient.ConnectAsync(host.WebSocketUrl, new { authorization = "Bearer " + Admin }))
        {
            await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            await ws.SendAsync(new { id = "1", type = "subscribe", payload = new { query = "subscription { needChanged { kind } } #" + new string('x', 2 * 1024 * 1024) } });
            var message = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
            if (message is not null || (int?)ws.CloseStatus != 1009)
            {
                failures.Add($"ws: 2 MiB message: expected close 1009, got {message?.ToJsonString()} / {ws.CloseStatus}");
            }
        }
        return cases.Length + 1;
    }

    [Fact]
    public async Task A_caller_over_the_rate_limit_gets_429_with_Retry_After()
    {
        await using var limited = new RateLimitedHost();
        await limited.InitializeAsync();
        using var client = limited.CreateClient();
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ channels { code } }")));
        }
        var last = statuses[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter is not null || last.Headers.Contains("Retry-After"));
        Assert.Contains("RATE_LIMITED", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await limited.DisposeAsync();
    }

    private sealed class RateLimitedHost : SecuredHost
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("NeedsMap:RateLimit:AnonymousPermitsPerMinute", "3");
        }
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private async Task<long> CountNeedsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM needs", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
