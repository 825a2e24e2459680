using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Needs;

public sealed class NeedPagingTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    private const string Forward = """
        query($first: Int, $after: String, $order: NeedOrder) {
          needs(first: $first, after: $after, order: $order) {
            totalCount edges { cursor node { externalId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    private const string Backward = """
        query($last: Int, $before: String) {
          needs(last: $last, before: $before) {
            edges { node { externalId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        await TestNeeds.AddManyAsync(host, Enumerable.Range(0, 7)
            .Select(i => new TestNeed($"第{i}条诉求", "other.general", at, ExternalId: $"n{i}", ReceivedAt: TestNeeds.BaseTime.AddHours(i))));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Forward_pages_walk_newest_first_without_gaps_or_repeats()
    {
        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = (await host.GraphQLAsync(Forward, new { first = 3, after }))["data"]!["needs"]!;
            Assert.Equal(7, page["totalCount"]!.GetValue<int>());
            seen.AddRange(page["edges"]!.AsArray().Select(e => e!["node"]!["externalId"]!.GetValue<string>()));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(["n6", "n5", "n4", "n3", "n2", "n1", "n0"], seen);
    }

    [Fact]
    public async Task Backward_pages_end_at_the_cursor_in_the_same_order()
    {
        var first = (await host.GraphQLAsync(Forward, new { first = 5 }))["data"]!["needs"]!;
        var before = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        var page = (await host.GraphQLAsync(Backward, new { last = 2, before }))["data"]!["needs"]!;
        Assert.Equal(["n4", "n3"], page["edges"]!.AsArray().Select(e => e!["node"]!["externalId"]!.GetValue<string>()));
        Assert.True(page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Ascending_order_reverses_the_walk()
    {
        var page = (await host.GraphQLAsync(Forward, new { first = 2, order = "RECEIVED_AT_ASC" }))["data"]!["needs"]!;
        Assert.Equal(["n0", "n1"], page["edges"]!.AsArray().Select(e => e!["node"]!["externalId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(501, null, "PAGE_TOO_LARGE")]
    [InlineData(-1, null, "INVALID_PAGING")]
    [InlineData(10, "not-a-cursor", "INVALID_CURSOR")]
    [InlineData(10, "MXwxfDE=", "INVALID_CURSOR")]
    public async Task Bad_paging_arguments_get_a_stable_error_code(int first, string? after, string code)
    {
        var result = await host.GraphQLAsync(Forward, new { first, after });
        Assert.Equal(code, result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cursor_issued_for_one_order_is_refused_for_another()
    {
        var page = (await host.GraphQLAsync(Forward, new { first = 2 }))["data"]!["needs"]!;
        var after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        var result = await host.GraphQLAsync(Forward, new { first = 2, after, order = "RECEIVED_AT_ASC" });
        Assert.Equal("INVALID_CURSOR", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Default_page_is_fifty_and_five_hundred_is_allowed()
    {
        var result = await host.GraphQLAsync(Forward, new { first = 500 });
        Assert.Null(result["errors"]);
    }

    [Fact]
    public async Task Node_refetches_a_need_by_its_global_id_and_need_does_too()
    {
        var page = await host.GraphQLAsync("{ needs(first: 1) { nodes { id externalId } } }");
        var node = page["data"]!["needs"]!["nodes"]![0]!;
        var id = node["id"]!.GetValue<string>();
        var byNode = await host.GraphQLAsync("query($id: ID!) { node(id: $id) { id ... on Need { externalId } } }", new { id });
        Assert.Equal(node["externalId"]!.GetValue<string>(), byNode["data"]!["node"]!["externalId"]!.GetValue<string>());
        var byNeed = await host.GraphQLAsync("query($id: ID!) { need(id: $id) { externalId } }", new { id });
        Assert.Equal(node["externalId"]!.GetValue<string>(), byNeed["data"]!["need"]!["externalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Node_with_a_malformed_id_is_an_invalid_id_error_and_an_unknown_id_is_null()
    {
        var bad = await host.GraphQLAsync("{ node(id: \"%%%\") { id } }");
        Assert.Equal("INVALID_ID", bad["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        var unknown = await host.GraphQLAsync("query($id: ID!) { node(id: $id) { id } }",
            new { id = Convert.ToBase64String("Need:999999"u8.ToArray()) });
        Assert.Null(unknown["errors"]);
        Assert.Null(unknown["data"]!["node"]);
    }
}
