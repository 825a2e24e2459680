using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Warnings;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>A second server process on the first host's database.</summary>
public sealed class SecondHost(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:NeedsMap", connectionString);
        builder.UseSetting("NeedsMap:LoadDemoCity", "true");
        builder.UseSetting("NeedsMap:LoadDemoNeeds", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}

public sealed class WarningTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    private SecondHost? _second;

    public async Task InitializeAsync()
    {
        await WeatherTestData.ResetAsync(host);
        _second = new SecondHost(host.ConnectionString);
        _second.StartServer();
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }

    private sealed class Collector : IObserver<ExecutionResult>
    {
        public ConcurrentQueue<string> Received { get; } = new();

        public void OnCompleted() { }

        public void OnError(Exception error) => Received.Enqueue("error: " + error.Message);

        public void OnNext(ExecutionResult value) =>
            Received.Enqueue(new GraphQL.SystemTextJson.GraphQLSerializer().Serialize(value));
    }

    private static async Task<(Collector Collector, IDisposable Subscription)> SubscribeAsync(IServiceProvider services, string document)
    {
        var scope = services.CreateScope();
        // Straight to the executer, past the transport that establishes the caller: a reader without a caller sees nothing.
        scope.ServiceProvider.GetRequiredService<NeedsMap.Api.Security.Auth.AccessScope>().Establish(
            new NeedsMap.Api.Security.Auth.Caller("tests", NeedsMap.Api.Security.Auth.RoleRights.CityAdmin, null, null, true),
            scope.ServiceProvider.GetRequiredService<NeedsMap.Api.Reference.ReferenceData>().Current, 5);
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions { Query = document, RequestServices = scope.ServiceProvider });
        Assert.True(result.Errors is null, string.Join("; ", result.Errors?.Select(e => e.Message + " " + e.InnerException) ?? []));
        var collector = new Collector();
        return (collector, result.Streams!.Values.Single().Subscribe(collector));
    }

    private static async Task<List<string>> EventuallyAsync(Collector collector, Func<List<string>, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var seen = collector.Received.ToList();
            if (done(seen))
            {
                return seen;
            }
            await Task.Delay(100);
        }
        return collector.Received.ToList();
    }

    [Fact]
    public async Task An_injected_surge_raises_a_warning_that_a_subscriber_on_the_other_server_receives()
    {
        var (warnings, s1) = await SubscribeAsync(_second!.Services,
            $$"""subscription { warningRaised(jurisdictionCode: "{{TestNeeds.Jiangdong}}") { scope scopeKey observed expected pValue test evidence } }""");
        var (cells, s2) = await SubscribeAsync(_second.Services,
            $$"""subscription { cellChanged(resolution: R500, jurisdictionCode: "{{TestNeeds.Jiangdong}}") { cellKey resolution jurisdictionCode } }""");
        using var _ = s1;
        using var __ = s2;

        // Quiet history: one need a week for eight weeks; then twelve today, all in one spot.
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var now = DateTimeOffset.UtcNow;
        for (var week = 1; week <= 8; week++)
        {
            await TestNeeds.AddAsync(host, "井盖松动", "noise.construction", at, receivedAt: now.AddDays(-7 * week - 1));
        }
        for (var i = 0; i < 12; i++)
        {
            await TestNeeds.AddAsync(host, "井盖松动，有人摔倒", "noise.construction", at, receivedAt: now.AddMinutes(-i));
        }

        var cellEvents = await EventuallyAsync(cells, seen => seen.Count >= 20);
        Assert.Equal(20, cellEvents.Count);
        Assert.All(cellEvents, e => Assert.Contains("\"resolution\":\"R500\"", e, StringComparison.Ordinal));

        // The first host's detector runs on its own after the burst; the second host hears of the result.
        var received = await EventuallyAsync(warnings, seen => seen.Any(e => e.Contains("\"scope\":\"CELL\"", StringComparison.Ordinal)));
        Assert.True(received.Any(e => e.Contains("\"scope\":\"CELL\"", StringComparison.Ordinal)), string.Join("\n", received));
        var cellWarning = Assert.Single(received, e => e.Contains("\"scope\":\"CELL\"", StringComparison.Ordinal));
        // Raised by the first run that saw enough of the burst: at least 6 against λ = 1 is p < 0.001.
        Assert.Matches("\"observed\":([6-9]|1[0-2]),", cellWarning);
        // Its history, oldest window first (the evidence as jsonb prints it): the one need of each of the eight weeks before.
        Assert.True(cellWarning.Contains("[1, 1, 1, 1, 1, 1, 1, 1]", StringComparison.Ordinal), cellWarning);
        Assert.Contains("\"expected\":1,", cellWarning, StringComparison.Ordinal);
        Assert.Contains("Poisson", cellWarning, StringComparison.Ordinal);
        Assert.Contains(received, e => e.Contains("\"scope\":\"JURISDICTION\"", StringComparison.Ordinal));

        // Listing them; a second detector run in either process raises nothing new.
        using (var scope = _second.Services.CreateScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<WarningDetector>().DetectAsync(null, CancellationToken.None));
        }
        var listed = await host.GraphQLAsync($$"""{ warnings(jurisdictionCode: "{{TestNeeds.Jiangdong}}") { scope scopeKey observed pValue } }""");
        Assert.Null(listed["errors"]);
        Assert.Equal(2, listed["data"]!["warnings"]!.AsArray().Count);
    }

    [Fact]
    public void The_poisson_tail_matches_known_values()
    {
        Assert.Equal(1.0, PoissonTest.UpperTail(0, 3));
        Assert.Equal(0.35276811, PoissonTest.UpperTail(4, 3), 6);
        Assert.Equal(1.7212e-4, PoissonTest.UpperTail(5, 0.5), 7);
        Assert.True(PoissonTest.UpperTail(12, 1) < 1e-8);
    }
}
