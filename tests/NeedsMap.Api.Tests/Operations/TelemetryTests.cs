using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using NeedsMap.Api.Tests.Infrastructure;
using OpenTelemetry.Trace;

namespace NeedsMap.Api.Tests.Operations;

/// <summary>Traces on, kept in memory for the test to read.</summary>
public sealed class TracedHost : NeedsMapHost
{
    public List<Activity> Spans { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Telemetry:Tracing", "true");
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans)));
    }
}

public sealed class TelemetryTests(TracedHost host) : IClassFixture<TracedHost>, IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_GraphQL_request_is_traced_from_HTTP_through_the_operation_to_SQL()
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "query CountNeeds { needs(first: 1) { totalCount } }" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();

        // The server span ends after the response has gone out: wait for it as well as for the SQL.
        var spans = await SpansOfAsync(traceId, s => s.Any(a => a.Source.Name == "Npgsql") && s.Any(a => a.Kind == ActivityKind.Server));
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        var operation = Assert.Single(spans, s => s.DisplayName == "graphql.execute CountNeeds");
        Assert.Equal(server.SpanId, operation.ParentSpanId);
        Assert.Equal("query", operation.GetTagItem("graphql.operation.type"));
        Assert.Contains(spans, s => s.Source.Name == "Npgsql" && s.ParentSpanId == operation.SpanId);
    }

    [Fact]
    public async Task Metrics_count_operations_classifications_and_rollups_for_a_scraper()
    {
        var submitted = await host.GraphQLAsync("""
            mutation { submitNeed(input: { text: "小区门口的路灯坏了好几天", location: { type: "Point", coordinates: [120.0756, 29.3069] } }) { need { id } errors { __typename ... on Error { code message } } } }
            """);
        Assert.Null(submitted["errors"]);
        await host.GraphQLAsync("query NeedsPage { needs(first: 1) { totalCount } }");

        using var client = host.CreateClient();
        var text = "";
        // The scrape is cached for a moment; the rollup counter moves once the background applier has run.
        for (var attempt = 0; attempt < 50 && !(text.Contains("needsmap_rollups_applied_total", StringComparison.Ordinal)
            && text.Contains("graphql_operation_name=\"NeedsPage\"", StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(200);
            text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }
        Assert.Contains("graphql_operations_total{", text, StringComparison.Ordinal);
        Assert.Contains("graphql_operation_name=\"NeedsPage\"", text, StringComparison.Ordinal);
        Assert.Contains("graphql_operation_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("needsmap_classifier_confidence_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("needsmap_rollups_applied_total", text, StringComparison.Ordinal);
        Assert.Contains("needsmap_subscriptions_shared_runs", text, StringComparison.Ordinal);
        Assert.Contains("needsmap_response_cache_hits_total", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("db_client_", text, StringComparison.Ordinal);
    }

    private async Task<List<Activity>> SpansOfAsync(ActivityTraceId traceId, Func<List<Activity>, bool> complete)
    {
        for (var attempt = 0; ; attempt++)
        {
            List<Activity> spans;
            try
            {
                spans = host.Spans.ToArray().Where(s => s.TraceId == traceId).ToList();
            }
            catch (ArgumentException)
            {
                // The exporter appended while the list was copied; look again.
                continue;
            }
            if (complete(spans) || attempt > 50)
            {
                return spans;
            }
            await Task.Delay(100);
        }
    }
}
