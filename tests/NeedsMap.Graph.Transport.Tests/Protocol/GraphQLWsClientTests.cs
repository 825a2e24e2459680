using System.Text.Json.Nodes;
using NeedsMap.Graph.Transport.Tests.Infrastructure;

namespace NeedsMap.Graph.Transport.Tests.Protocol;

/// <summary>The reference graphql-ws client, through tests/js/ws-roundtrip.mjs, against the transport.</summary>
public sealed class GraphQLWsClientTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private async Task<List<JsonNode>> RoundTripAsync(string query, params string[] options)
    {
        var run = await NodeScripts.RunAsync("ws-roundtrip.mjs", [fixture.Server.WebSocketUrl.ToString(), query, .. options], TimeSpan.FromMinutes(1));
        var events = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.True(run.ExitCode == 0, $"ws-roundtrip.mjs exited {run.ExitCode}:\n{run.StandardOutput}\n{run.StandardError}");
        return events;
    }

    [Fact]
    public async Task A_subscription_delivers_every_event_then_completes()
    {
        var events = await RoundTripAsync("subscription { countdown(count: 5, delayMs: 10) }");

        Assert.Equal([5, 4, 3, 2, 1], events.SkipLast(1).Select(e => e["payload"]!["data"]!["countdown"]!.GetValue<int>()));
        Assert.Equal("complete", events[^1]["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_with_variables_and_init_payload_is_one_next_then_complete()
    {
        var events = await RoundTripAsync(
            "query($n: String) { hello(name: $n) userContextValue }",
            "--variables", """{"n":"ws"}""",
            "--init", """{"who":"bob"}""");

        Assert.Equal(2, events.Count);
        Assert.Equal("Hello, ws!", events[0]["payload"]!["data"]!["hello"]!.GetValue<string>());
        Assert.Equal("bob", events[0]["payload"]!["data"]!["userContextValue"]!.GetValue<string>());
        Assert.Equal("complete", events[1]["type"]!.GetValue<string>());
    }
}
