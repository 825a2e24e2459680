using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Tests.TestSchema;

namespace NeedsMap.Graph.Transport.Tests.Caching;

public sealed class ResponseCacheTests
{
    private static readonly string Greeting = CachingServer.Body("{ cachedGreeting }");

    [Fact]
    public async Task A_repeated_query_is_answered_from_the_cache_byte_for_byte()
    {
        await using var server = await CachingServer.StartAsync();

        var first = await server.PostAsync(Greeting, "alice");
        var second = await server.PostAsync(Greeting, "alice");

        Assert.Equal((200, GraphQLHttp.GraphQLResponse), (first.Status, first.MediaType));
        Assert.Equal("""{"data":{"cachedGreeting":"Hello, world, from alice #1"}}""", first.Body);
        Assert.Equal(first, second);
        Assert.Equal((1, 1L, 1L), (server.Version.Computed, server.Cache.Hits, server.Cache.Stored));
    }

    [Fact]
    public async Task A_moved_dependency_version_is_a_miss_and_the_answer_is_computed_again()
    {
        await using var server = await CachingServer.StartAsync();

        await server.PostAsync(Greeting, "alice");
        server.Version.Bump();
        var after = await server.PostAsync(Greeting, "alice");

        Assert.Contains("#2", after.Body, StringComparison.Ordinal);
        Assert.Equal(0, server.Cache.Hits);
    }

    [Fact]
    public async Task A_version_that_moves_during_execution_is_not_kept()
    {
        await using var server = await CachingServer.StartAsync();
        var moving = CachingServer.Body("{ cachedGreeting(name: \"moving\") }");

        await server.PostAsync(moving, "alice");
        var second = await server.PostAsync(moving, "alice");

        Assert.Contains("#2", second.Body, StringComparison.Ordinal);
        Assert.Equal(0L, server.Cache.Stored);
    }

    [Fact]
    public async Task Callers_in_different_partitions_never_share_an_answer()
    {
        await using var server = await CachingServer.StartAsync();

        var alice = await server.PostAsync(Greeting, "alice");
        var bob = await server.PostAsync(Greeting, "bob");
        var aliceAgain = await server.PostAsync(Greeting, "alice");

        Assert.Contains("from alice #1", alice.Body, StringComparison.Ordinal);
        Assert.Contains("from bob #2", bob.Body, StringComparison.Ordinal);
        Assert.Equal(alice, aliceAgain);
        Assert.Equal(1, server.Cache.Hits);
    }

    [Fact]
    public async Task A_caller_without_a_partition_is_never_served_from_the_cache_nor_stored()
    {
        await using var server = await CachingServer.StartAsync();

        await server.PostAsync(Greeting, "alice");
        var first = await server.PostAsync(Greeting, "nobody");
        var second = await server.PostAsync(Greeting, "nobody");

        Assert.Contains("from nobody #2", first.Body, StringComparison.Ordinal);
        Assert.Contains("from nobody #3", second.Body, StringComparison.Ordinal);
        Assert.Equal((0L, 1L), (server.Cache.Hits, server.Cache.Stored));
    }

    [Fact]
    public async Task Responses_with_errors_are_not_kept()
    {
        await using var server = await CachingServer.StartAsync();
        var failing = CachingServer.Body("{ cachedGreeting(name: \"fail\") }");

        var first = await server.PostAsync(failing, "alice");
        await server.PostAsync(failing, "alice");
        await server.PostAsync(CachingServer.Body("{ cachedGreeting(name: 1) }"), "alice");

        Assert.Contains("\"errors\"", first.Body, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), (server.Cache.Hits, server.Cache.Stored));
    }

    [Fact]
    public async Task An_operation_with_a_root_field_not_declared_cacheable_is_not_kept()
    {
        await using var server = await CachingServer.StartAsync();
        var mixed = CachingServer.Body("{ cachedGreeting hello }");

        await server.PostAsync(mixed, "alice");
        var second = await server.PostAsync(mixed, "alice");
        await server.PostAsync(CachingServer.Body("{ ...F } fragment F on Query { cachedGreeting userContextValue }"), "alice");

        Assert.Contains("#2", second.Body, StringComparison.Ordinal);
        Assert.Equal(0L, server.Cache.Stored);
    }

    [Fact]
    public async Task Cacheable_fields_behind_fragments_and_typename_are_kept()
    {
        await using var server = await CachingServer.StartAsync();
        var fragments = CachingServer.Body("{ __typename ... on Query { a: cachedGreeting } ...F } fragment F on Query { b: cachedGreeting(name: \"x\") }");

        await server.PostAsync(fragments, "alice");
        await server.PostAsync(fragments, "alice");

        Assert.Equal(1L, server.Cache.Hits);
    }

    [Fact]
    public async Task Mutations_are_never_kept()
    {
        await using var server = await CachingServer.StartAsync();
        var increment = CachingServer.Body("mutation { increment(by: 1) }");

        var first = await server.PostAsync(increment, "alice");
        var second = await server.PostAsync(increment, "alice");

        Assert.NotEqual(first.Body, second.Body);
        Assert.Equal((0L, 0L), (server.Cache.Hits, server.Cache.Stored));
    }

    [Fact]
    public async Task Variables_in_any_order_and_spacing_share_an_entry_and_other_values_do_not()
    {
        await using var server = await CachingServer.StartAsync();
        const string query = "query($a: String, $b: String) { x: cachedGreeting(name: $a) y: cachedGreeting(name: $b) }";

        var first = await server.PostAsync(CachingServer.Body(query, """{"a":"1","b":"2"}"""), "alice");
        var reordered = await server.PostAsync(CachingServer.Body(query, """ { "b" : "2" ,  "a" : "1" } """), "alice");
        var other = await server.PostAsync(CachingServer.Body(query, """{"a":"1","b":"3"}"""), "alice");

        Assert.Equal(first, reordered);
        Assert.NotEqual(first.Body, other.Body);
        Assert.Equal((1L, 2L), (server.Cache.Hits, server.Cache.Stored));
    }

    [Fact]
    public async Task Get_and_post_share_an_entry_but_each_response_media_type_has_its_own()
    {
        await using var server = await CachingServer.StartAsync();

        var post = await server.PostAsync(Greeting, "alice");
        var get = await server.GetAsync("{ cachedGreeting }", "alice");
        var json = await server.GetAsync("{ cachedGreeting }", "alice", GraphQLHttp.Json);

        Assert.Equal(post, get);
        Assert.Equal((200, GraphQLHttp.Json), (json.Status, json.MediaType));
        Assert.Contains("#2", json.Body, StringComparison.Ordinal);
        Assert.Equal(1L, server.Cache.Hits);
    }

    [Fact]
    public async Task A_persisted_document_is_cached_by_its_id()
    {
        await using var server = await CachingServer.StartAsync();
        var byId = $$"""{"documentId":"{{TestPersistedDocuments.CachedDocumentId}}"}""";

        var first = await server.PostAsync(byId, "alice");
        var second = await server.PostAsync(byId, "alice");

        Assert.Contains("from alice #1", first.Body, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(1L, server.Cache.Hits);
    }

    [Fact]
    public async Task Cache_control_no_cache_executes_anew_and_no_store_keeps_nothing()
    {
        await using var server = await CachingServer.StartAsync();

        await server.PostAsync(Greeting, "alice");
        var fresh = await server.PostAsync(Greeting, "alice", cacheControl: "no-cache");
        var stored = await server.PostAsync(Greeting, "alice");
        var unkept = await server.PostAsync(Greeting, "bob", cacheControl: "no-store");
        var bob = await server.PostAsync(Greeting, "bob");

        Assert.Contains("#2", fresh.Body, StringComparison.Ordinal);
        Assert.Equal(fresh, stored);
        Assert.Contains("#3", unkept.Body, StringComparison.Ordinal);
        Assert.Contains("#4", bob.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_kept_while_a_dependency_has_no_version()
    {
        await using var server = await CachingServer.StartAsync();
        server.Version.Available = false;

        await server.PostAsync(Greeting, "alice");
        await server.PostAsync(Greeting, "alice");
        server.Version.Available = true;
        await server.PostAsync(Greeting, "alice");

        Assert.Equal((3, 0L, 1L), (server.Version.Computed, server.Cache.Hits, server.Cache.Stored));
    }

    [Fact]
    public async Task A_response_over_the_entry_limit_is_served_but_not_kept()
    {
        await using var server = await CachingServer.StartAsync(o => o.MaxEntryBytes = 20);

        var first = await server.PostAsync(Greeting, "alice");
        await server.PostAsync(Greeting, "alice");

        Assert.Contains("#1", first.Body, StringComparison.Ordinal);
        Assert.Equal((2, 0L), (server.Version.Computed, server.Cache.Stored));
    }

    [Fact]
    public async Task Without_a_partition_from_the_host_nothing_is_cached()
    {
        await using var server = await TransportTestServer.StartAsync(services: s => s.AddGraphQLResponseCache());
        var version = server.Services.GetRequiredService<TestCacheVersion>();

        using var first = await GraphQLHttp.PostAsync(server.HttpUrl, new { query = "{ cachedGreeting }" });
        using var second = await GraphQLHttp.PostAsync(server.HttpUrl, new { query = "{ cachedGreeting }" });

        Assert.Equal(2, version.Computed);
    }
}
