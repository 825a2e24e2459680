using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Tests.Security;

/// <summary>
/// Pages on other origins calling the API from a browser (Security/CrossOrigin), at the HTTP level: what a browser asks
/// (the preflight) and what it needs in every answer to let the page read it. The browser itself is driven by
/// <c>Browser/CrossOriginPageTests</c>.
/// </summary>
public sealed class CrossOriginTests(SecuredHost host) : IClassFixture<SecuredHost>
{
    private const string App = "https://app.example.org";

    [Fact]
    public async Task A_preflight_from_any_origin_is_answered_before_sign_in_or_rate_limits()
    {
        using var client = host.CreateClient();
        using var preflight = Preflight("/graphql", App, "authorization,content-type");
        using var answer = await client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", Header(answer, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(answer, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("authorization", Header(answer, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("600", Header(answer, "Access-Control-Max-Age"));
        // A credentialed request is never invited: the API reads no cookie.
        Assert.Null(Header(answer, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Every_answer_a_page_on_another_origin_gets_is_readable_with_the_headers_it_needs()
    {
        using var client = host.CreateClient();
        var admin = host.Token(RoleRights.CityAdmin);

        using var signedIn = await client.SendAsync(GraphQL("{ needs(first: 1) { totalCount } }", admin));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("*", Header(signedIn, "Access-Control-Allow-Origin"));
        var exposed = Header(signedIn, "Access-Control-Expose-Headers") ?? "";
        Assert.Contains("ETag", exposed, StringComparison.Ordinal);
        Assert.Contains("Retry-After", exposed, StringComparison.Ordinal);

        // Refusals too, or the page could not tell a bad token from a network failure.
        using var badToken = await client.SendAsync(GraphQL("{ needs(first: 1) { totalCount } }", "not-a-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal("*", Header(badToken, "Access-Control-Allow-Origin"));

        using var tileRequest = new HttpRequestMessage(HttpMethod.Get, "/tiles/cells/12/3414/1698.mvt");
        tileRequest.Headers.Add("Origin", App);
        using var tile = await client.SendAsync(tileRequest);
        Assert.True(tile.IsSuccessStatusCode, $"{(int)tile.StatusCode}");
        Assert.Equal("*", Header(tile, "Access-Control-Allow-Origin"));
        Assert.NotNull(tile.Headers.ETag);
    }

    [Fact]
    public Task Listed_origins_are_answered_by_name_and_others_are_not_invited() => OnItsOwnHostAsync(new ListedOriginsHost(), async client =>
    {
        using var fromApp = await client.SendAsync(GraphQL("{ categories { code } }", token: null));
        Assert.Equal(HttpStatusCode.OK, fromApp.StatusCode);
        Assert.Equal(App, Header(fromApp, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", fromApp.Headers.Vary);

        using var fromElsewhere = await client.SendAsync(GraphQL("{ categories { code } }", token: null, origin: "https://elsewhere.example"));
        Assert.Null(Header(fromElsewhere, "Access-Control-Allow-Origin"));

        using var preflight = Preflight("/graphql", "https://elsewhere.example", "authorization");
        using var refused = await client.SendAsync(preflight);
        Assert.Null(Header(refused, "Access-Control-Allow-Origin"));
    });

    [Fact]
    public Task Turned_off_only_the_servers_own_pages_can_read_its_answers() =>
        AnswersNoOriginAsync(new NoCrossOriginHost(), "{ categories { code } }");

    /// <summary>The feature suites' host: anonymous callers are the city's administrator (Testing), and no origin is listed.</summary>
    [Fact]
    public Task Where_a_caller_without_a_token_is_more_than_the_public_no_page_elsewhere_may_read_as_it() =>
        AnswersNoOriginAsync(new Infrastructure.NeedsMapHost(), "{ needs(first: 1) { totalCount } }");

    private static Task AnswersNoOriginAsync(Infrastructure.NeedsMapHost other, string query) => OnItsOwnHostAsync(other, async client =>
    {
        using var answer = await client.SendAsync(GraphQL(query, token: null));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(Header(answer, "Access-Control-Allow-Origin"));
    });

    /// <summary>Hosts with settings of their own start for their one test and are dropped after it.</summary>
    private static async Task OnItsOwnHostAsync(Infrastructure.NeedsMapHost other, Func<HttpClient, Task> test)
    {
        await other.InitializeAsync();
        try
        {
            using var client = other.CreateClient();
            await test(client);
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    private static HttpRequestMessage Preflight(string path, string origin, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static HttpRequestMessage GraphQL(string query, string? token, string origin = App)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", origin);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private sealed class ListedOriginsHost : SecuredHost
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("NeedsMap:CrossOrigin:AllowedOrigins:0", App);
            builder.UseSetting("NeedsMap:CrossOrigin:AllowedOrigins:1", "http://localhost:5173");
        }
    }

    private sealed class NoCrossOriginHost : SecuredHost
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("NeedsMap:CrossOrigin:Enabled", "false");
        }
    }
}
