using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using NeedsMap.Api.Tests.Graph;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.OpenApi;

public sealed class OpenApiTests(SecuredHost host) : IClassFixture<SecuredHost>
{
    private async Task<string> DocumentAsync()
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(200, (int)response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).ReplaceLineEndings("\n");
    }

    /// <summary>openapi.json at the repository root is what REST clients read, compared as it is, like schema.graphql.</summary>
    [Fact]
    public async Task The_served_document_matches_openapi_json_at_the_repository_root()
    {
        var served = await DocumentAsync();
        var path = Path.Combine(SchemaTests.RepositoryRoot(), "openapi.json");
        if (Environment.GetEnvironmentVariable("NEEDSMAP_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }
        Assert.True(File.Exists(path), "openapi.json is missing at the repository root.");
        var committed = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        if (committed != served)
        {
            var line = committed.Split('\n').Zip(served.Split('\n')).TakeWhile(p => p.First == p.Second).Count() + 1;
            Assert.Fail($"openapi.json differs from the document the server serves, first at line {line}. Review the change, then rewrite "
                + "the file with: NEEDSMAP_UPDATE_OPENAPI=1 scripts/test --filter FullyQualifiedName~OpenApiTests");
        }
    }

    [Fact]
    public async Task Every_mapped_route_is_in_the_document_with_a_summary_a_description_and_described_responses()
    {
        var document = JsonNode.Parse(await DocumentAsync())!;
        var paths = document["paths"]!.AsObject();
        var routes = host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods))
            .Where(r => !r.Path.StartsWith("/openapi/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(routes, r => r.Path == "/export/needs.{format}");
        Assert.Contains(routes, r => r.Path == "/open311/v2/requests.{format}");
        foreach (var (path, methods) in routes)
        {
            Assert.True(paths.ContainsKey(path), $"{path} is not in the document.");
            foreach (var method in methods ?? (IEnumerable<string>)paths[path]!.AsObject().Select(p => p.Key.ToUpperInvariant()).ToList())
            {
                var operation = paths[path]![method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{method} {path} is not in the document.");
                Assert.False(string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()), $"{method} {path} has no summary.");
                Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{method} {path} has no description.");
                var responses = operation["responses"]!.AsObject();
                Assert.NotEmpty(responses);
                Assert.All(responses, r => Assert.False(string.IsNullOrWhiteSpace(r.Value!["description"]?.GetValue<string>()), $"{method} {path} {r.Key}"));
            }
        }
        foreach (var manual in new[] { "/graphql", "/health/live", "/health/ready", "/metrics" })
        {
            Assert.True(paths.ContainsKey(manual), manual);
        }
    }

    [Fact]
    public async Task Open311_schemas_are_snake_case_as_on_the_wire()
    {
        var schemas = JsonNode.Parse(await DocumentAsync())!["components"]!["schemas"]!.AsObject();
        var request = schemas["Open311Request"]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("service_request_id", request);
        Assert.Contains("long", request);
        Assert.DoesNotContain("serviceRequestId", request);
    }
}
