using System.Net;
using GraphQL.Validation;
using GraphQLParser.AST;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Tests.TestSchema;
using static NeedsMap.Graph.Transport.Tests.Infrastructure.GraphQLHttp;

namespace NeedsMap.Graph.Transport.Tests.Http;

public sealed class ExtensionPointTests
{
    [Theory]
    [InlineData(GraphQLResponse)]
    [InlineData(Json)]
    public async Task A_rule_error_the_host_maps_to_403_is_403_whatever_the_media_type(string accept)
    {
        await using var server = await TransportTestServer.StartAsync(o =>
        {
            o.ConfigureExecution = (execution, _) => execution.ValidationRules = [.. DocumentValidator.CoreRules, new NoBoomRule()];
            o.RequestErrorStatusCode = error => error is ValidationError { Number: NoBoomRule.Number } ? 403 : null;
        });

        using var refused = await PostAsync(server.HttpUrl, new { query = "{ boom }" }, accept);
        using var allowed = await PostAsync(server.HttpUrl, new { query = "{ hello }" }, accept);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Theory]
    [InlineData(GraphQLResponse)]
    [InlineData(Json)]
    public async Task A_status_the_host_gives_an_executed_result_is_used_with_the_headers_it_set(string accept)
    {
        await using var server = await TransportTestServer.StartAsync(o => o.ResultStatusCode = (result, http) =>
        {
            if (result.Errors?.Any(e => e.Path?.FirstOrDefault() as string == "boom") != true)
                return null;
            http.Response.Headers.RetryAfter = "7";
            return 503;
        });

        using var failed = await PostAsync(server.HttpUrl, new { query = "{ boom }" }, accept);
        using var fine = await PostAsync(server.HttpUrl, new { query = "{ hello }" }, accept);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), failed.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task A_server_fault_before_execution_is_500_not_a_client_error()
    {
        await using var server = await TransportTestServer.StartAsync(o =>
            o.ConfigureExecution = (execution, _) => execution.ValidationRules = [.. DocumentValidator.CoreRules, new BrokenRule()]);

        using var response = await PostAsync(server.HttpUrl, new { query = "{ hello }" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task The_body_limit_is_configurable()
    {
        await using var server = await TransportTestServer.StartAsync(o => o.MaxRequestBodyBytes = 100);

        using var small = await PostAsync(server.HttpUrl, new { query = "{ hello }" });
        using var large = await PostAsync(server.HttpUrl, new { query = "{ hello }", variables = new { padding = new string('x', 100) } });

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task Get_can_be_switched_off()
    {
        await using var server = await TransportTestServer.StartAsync(o => o.EnableGet = false);

        using var response = await GetAsync(server.HttpUrl, "{ hello }");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_persisted_document_runs_by_its_document_id_over_post_and_get()
    {
        await using var server = await TransportTestServer.StartAsync();

        using var post = await PostAsync(server.HttpUrl, new { documentId = TestPersistedDocuments.DocumentId });
        using var get = await Client.GetAsync(new Uri(server.HttpUrl, "?documentId=" + Uri.EscapeDataString(TestPersistedDocuments.DocumentId)));

        Assert.Equal("Hello, world!", (await post.ReadJsonAsync())["data"]?["hello"]?.GetValue<string>());
        Assert.Equal("Hello, world!", (await get.ReadJsonAsync())["data"]?["hello"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not-a-document-id")]
    public async Task An_unknown_or_malformed_document_id_is_a_client_error(string documentId)
    {
        await using var server = await TransportTestServer.StartAsync();

        using var response = await PostAsync(server.HttpUrl, new { documentId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private sealed class NoBoomRule : ValidationRuleBase
    {
        public const string Number = "NO_BOOM";

        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
            {
                if (field.Name.Value == "boom")
                    ctx.ReportError(new ValidationError(ctx.Document.Source, Number, "boom is not for you", field));
            }));
    }

    private sealed class BrokenRule : ValidationRuleBase
    {
        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            throw new InvalidOperationException("A bug in the host's rule.");
    }
}
