using System.Net;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using static NeedsMap.Graph.Transport.Tests.Infrastructure.GraphQLHttp;

namespace NeedsMap.Graph.Transport.Tests.Http;

public sealed class HttpStatusTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private readonly Uri _url = fixture.Server.HttpUrl;

    [Fact]
    public async Task Post_query_answers_200_in_graphql_response_json_when_asked_for()
    {
        using var response = await PostAsync(_url, new { query = "{ hello }" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponse, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("Hello, world!", (await response.ReadJsonAsync())["data"]?["hello"]?.GetValue<string>());
    }

    [Fact]
    public async Task Get_query_with_variables_works()
    {
        using var response = await GetAsync(_url, "query($n: String) { hello(name: $n) }", variables: """{"n":"GET"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, GET!", (await response.ReadJsonAsync())["data"]?["hello"]?.GetValue<string>());
    }

    [Fact]
    public async Task Mutation_over_get_is_405_with_allow_post_and_is_not_executed()
    {
        using var response = await GetAsync(_url, "mutation { increment(by: 1) }");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Null((await response.ReadJsonAsync())["data"]);
    }

    [Fact]
    public async Task Mutation_over_post_executes()
    {
        using var response = await PostAsync(_url, new { query = "mutation { increment(by: 2) }" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["data"]?["increment"]);
    }

    [Fact]
    public async Task Other_methods_are_405_with_allow_get_and_post()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, _url);
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task Post_without_json_content_type_is_415(string? contentType)
    {
        using var response = await PostRawAsync(_url, """{"query":"{ hello }"}""", contentType, GraphQLResponse);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/*")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    public async Task Unacceptable_accept_is_406(string accept)
    {
        using var response = await PostAsync(_url, new { query = "{ hello }" }, accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData(null, Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/json", Json)]
    [InlineData("application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    [InlineData("application/graphql-response+json;q=0.5, text/html", GraphQLResponse)]
    public async Task Accept_chooses_the_response_media_type(string? accept, string expected)
    {
        using var response = await PostAsync(_url, new { query = "{ hello }" }, accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, object?> RequestsThatNeverExecute => new()
    {
        { "{ hello", null },
        { "{ noSuchField }", null },
        { "query($id: ID!) { hello }", new { id = (string?)null } },
        { "query($n: Int!) { hello }", new { n = "not a number" } },
        { "subscription { countdown(count: 1) }", null },
    };

    [Theory]
    [MemberData(nameof(RequestsThatNeverExecute))]
    public async Task A_request_that_never_executed_is_400_with_graphql_response_json(string query, object? variables)
    {
        using var response = await PostAsync(_url, new { query, variables }, GraphQLResponse);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(body.AsObject().ContainsKey("data"));
        Assert.NotEmpty(body["errors"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(RequestsThatNeverExecute))]
    public async Task A_request_that_never_executed_is_200_with_json(string query, object? variables)
    {
        using var response = await PostAsync(_url, new { query, variables }, Json);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(body["errors"]!.AsArray());
    }

    [Fact]
    public async Task A_field_error_is_200_with_data_and_errors_whatever_the_media_type()
    {
        using var response = await PostAsync(_url, new { query = "{ hello boom }" }, GraphQLResponse);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, world!", body["data"]?["hello"]?.GetValue<string>());
        Assert.Equal(["boom"], body["errors"]![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{ \"not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"query": 1}""")]
    [InlineData("""{"query": "{ hello }", "variables": "x"}""")]
    [InlineData("""{"query": "{ hello }", "extensions": []}""")]
    [InlineData("""{"query": "{ hello }", "operationName": false}""")]
    [InlineData("""{"qeury": "{ hello }"}""")]
    public async Task Malformed_requests_are_400_whatever_the_media_type(string body)
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            using var response = await PostRawAsync(_url, body, Json, accept);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("INVALID_REQUEST", (await response.ReadJsonAsync())["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("?query=%7B%20hello%20%7D&query=%7B%20hello%20%7D")]
    [InlineData("?query=%7B%20hello%20%7D&variables=%7Bnot%20json")]
    [InlineData("?query=%7B%20hello%20%7D&variables=%5B1%5D")]
    [InlineData("?operationName=A")]
    public async Task Malformed_get_requests_are_400(string queryString)
    {
        using var response = await Client.GetAsync(new Uri(_url, queryString));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_default_limit_of_one_mebibyte_is_413()
    {
        var padding = new string(' ', 1024 * 1024);
        using var response = await PostRawAsync(_url, """{"query":"{ hello }"}""" + padding, Json, GraphQLResponse);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        var json = """{"query":"{ hello }"}""";
        var padding = new string(' ', 1024 * 1024 - json.Length);
        using var response = await PostRawAsync(_url, json + padding, Json, GraphQLResponse);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Operation_name_selects_the_operation()
    {
        using var response = await PostAsync(_url, new { query = "query A { a: hello } query B { b: hello }", operationName = "B" });
        var data = (await response.ReadJsonAsync())["data"]!.AsObject();

        Assert.Equal(["b"], data.Select(p => p.Key));
    }

    [Fact]
    public async Task Request_services_are_the_request_scope()
    {
        using var first = await PostAsync(_url, new { query = "{ a: scopeId b: scopeId }" });
        using var second = await PostAsync(_url, new { query = "{ a: scopeId }" });
        var one = (await first.ReadJsonAsync())["data"]!;
        var two = (await second.ReadJsonAsync())["data"]!;

        Assert.Equal(one["a"]!.GetValue<string>(), one["b"]!.GetValue<string>());
        Assert.NotEqual(one["a"]!.GetValue<string>(), two["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_user_context_builder_and_the_execution_hook_both_apply()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            Content = new StringContent("""{"query":"{ userContextValue }"}""", System.Text.Encoding.UTF8, Json),
        };
        request.Headers.Add("X-Who", "alice");
        using var withHeader = await Client.SendAsync(request);
        using var withoutHeader = await PostAsync(_url, new { query = "{ userContextValue }" });

        Assert.Equal("alice", (await withHeader.ReadJsonAsync())["data"]?["userContextValue"]?.GetValue<string>());
        Assert.Equal("hook", (await withoutHeader.ReadJsonAsync())["data"]?["userContextValue"]?.GetValue<string>());
    }
}
