using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Failures;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Cost;

/// <summary>
/// Requests that would stall the server are refused before they run or cancelled while they run, each with a documented
/// code, through the real token path, for the public and the signed-in roles alike.
/// </summary>
public sealed class CostLimitTests(CostLimitedHost host, ITestOutputHelper output) : IClassFixture<CostLimitedHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await TestNeeds.AddAsync(host, "工地半夜还在打桩", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Aliases(int count, string field) => "{ " + string.Concat(Enumerable.Range(0, count).Select(i => $"a{i}: {field} ")) + "}";

    private string?[] EveryKindOfCaller => [null, host.Token(RoleRights.Resident, subject: "rita"), host.Token(RoleRights.CityAdmin)];

    [Fact]
    public async Task Ten_thousand_aliases_of_needStats_are_refused_before_they_run_for_every_role()
    {
        var query = Aliases(10_000, "needStats(groupBy: CHANNEL) { totalCount }");
        using var client = host.CreateClient();
        foreach (var token in EveryKindOfCaller)
        {
            var clock = Stopwatch.StartNew();
            var answer = await Doors.PostAsync(client, query, token: token);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms {answer}");
            Assert.True(answer.Status == 400 && answer.Code == "QUERY_TOO_EXPENSIVE", answer.ToString());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task Expensive_fields_are_capped_per_role_each_alias_counted()
    {
        using var client = host.CreateClient();
        var admin = host.Token(RoleRights.CityAdmin);
        var atCap = await Doors.PostAsync(client, Aliases(20, "needStats(groupBy: CHANNEL) { totalCount }"), token: admin);
        var overCap = await Doors.PostAsync(client, Aliases(21, "needStats(groupBy: CHANNEL) { totalCount }"), token: admin);
        var publicAtCap = await Doors.PostAsync(client, Aliases(5, "needStats(groupBy: CHANNEL) { totalCount }"));
        var publicOverCap = await Doors.PostAsync(client, Aliases(6, "needStats(groupBy: CHANNEL) { totalCount }"));
        // Cheap fields are not capped: a hundred aliases of reference data cost the database nothing.
        var cheap = await Doors.PostAsync(client, Aliases(100, "categories { code }"));
        foreach (var answer in new[] { atCap, overCap, publicAtCap, publicOverCap, cheap })
        {
            output.WriteLine(answer.ToString());
        }
        Assert.True(atCap.Status == 200 && atCap.Json?["errors"] is null, atCap.ToString());
        Assert.True(publicAtCap.Status == 200 && publicAtCap.Json?["errors"] is null, publicAtCap.ToString());
        Assert.True(cheap.Status == 200 && cheap.Json?["errors"] is null, cheap.ToString());
        Assert.True(overCap.Status == 400 && overCap.Code == "QUERY_TOO_EXPENSIVE", overCap.ToString());
        Assert.True(publicOverCap.Status == 400 && publicOverCap.Code == "QUERY_TOO_EXPENSIVE", publicOverCap.ToString());
    }

    public static TheoryData<string, string> HostileDocuments()
    {
        var doubling = new System.Text.StringBuilder("query { ...F0 }\n");
        for (var i = 0; i < 60; i++)
        {
            doubling.Append(CultureInfo.InvariantCulture, $"fragment F{i} on Query {{ c{i}: categories {{ code }} ... on Query {{ ...F{i + 1} }} ... on Query {{ ...F{i + 1} }} }}\n");
        }
        doubling.Append("fragment F60 on Query { channels { code } }");
        var chain = new System.Text.StringBuilder("query { ...F0 }\n");
        for (var i = 0; i < 500; i++)
        {
            chain.Append(CultureInfo.InvariantCulture, $"fragment F{i} on Query {{ s{i}: needStats(groupBy: CHANNEL) {{ totalCount }} ...F{i + 1} }}\n");
        }
        chain.Append("fragment F500 on Query { channels { code } }");
        var sameKey = "{ " + string.Concat(Enumerable.Repeat("a: categories { code } ", 1_500)) + "}";
        var nested = "query { ...N0 }\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
            $"fragment N{i} on Query {{ n{i}: needStats(groupBy: CATEGORY, where: {{ near: {{ point: {{ type: \"Point\", coordinates: [120.1, 29.3] }}, meters: {i + 100} }} }}) {{ totalCount }} ...N{i + 1} }}\n"))
            + "fragment N40 on Query { channels { code } }";
        return new()
        {
            { "fragments spread twice per level, 60 levels (2^60 fields as written)", doubling.ToString() },
            { "500 fragments in a chain, each with a needStats alias", chain.ToString() },
            { "1,500 copies of one response key", sameKey },
            { "40 chained fragments of spatially filtered statistics", nested },
        };
    }

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task Deep_fragments_and_repeated_fields_are_refused_in_moments(string name, string document)
    {
        using var client = host.CreateClient();
        foreach (var token in new[] { null, host.Token(RoleRights.CityAdmin) })
        {
            var clock = Stopwatch.StartNew();
            var answer = await Doors.PostAsync(client, document, token: token);
            output.WriteLine($"{name}: {clock.ElapsedMilliseconds} ms {answer}");
            Assert.True(answer.Status == 400 && answer.Code == "QUERY_TOO_EXPENSIVE", answer.ToString());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task A_request_past_its_time_budget_is_cancelled_with_QUERY_TIMEOUT_and_its_statement_stops_in_the_database()
    {
        using var client = host.CreateClient();
        var deputy = host.Token(RoleRights.Deputy, TestNeeds.Jiangdong, subject: "dora");
        await using var locked = await TableLock.TakeAsync(host.ConnectionString);
        var clock = Stopwatch.StartNew();
        var answer = await Doors.PostAsync(client, "{ needs(first: 5) { totalCount } }", token: deputy);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms {answer}");
        Assert.True(answer.Status == 504 && answer.Code == "QUERY_TIMEOUT", answer.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(CostLimitedHost.StatementTimeoutSeconds - 1));
        // The cancel reached PostgreSQL: nothing of the request (its page or its count of needs) still waits on the lock.
        // Background services reading the table (the masked-text catch-up, the rollups) may wait on it too; they are not counted.
        var waiting = -1L;
        for (var attempt = 0; attempt < 50 && waiting != 0; attempt++)
        {
            waiting = await locked.WaitingStatementsAsync("%SELECT n.* FROM needs n WHERE%");
            await Task.Delay(100);
        }
        Assert.Equal(0, waiting);
    }

    [Fact]
    public async Task A_statement_past_the_statement_timeout_is_stopped_by_PostgreSQL_and_answered_QUERY_TIMEOUT()
    {
        await using (var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await using var show = new NpgsqlCommand("SHOW statement_timeout", connection);
            Assert.Equal($"{CostLimitedHost.StatementTimeoutSeconds}s", (string?)await show.ExecuteScalarAsync());
        }
        using var client = host.CreateClient();
        await using var locked = await TableLock.TakeAsync(host.ConnectionString);
        var clock = Stopwatch.StartNew();
        var answer = await Doors.PostAsync(client, "{ needs(first: 5) { totalCount } }", token: host.Token(RoleRights.CityAdmin));
        output.WriteLine($"{clock.ElapsedMilliseconds} ms {answer}");
        Assert.True(answer.Status == 504 && answer.Code == "QUERY_TIMEOUT", answer.ToString());
        Assert.Contains("statement timeout", answer.Body, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(CostLimitedHost.StatementTimeoutSeconds - 0.5), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_caller_out_of_database_time_gets_429_with_Retry_After_while_another_caller_is_served()
    {
        using var client = host.CreateClient();
        var rita = host.Token(RoleRights.Resident, subject: "rita-budget");
        var first = await Doors.PostAsync(client, "{ needs(first: 5) { totalCount } }", token: rita);
        var second = await Doors.PostAsync(client, "{ needs(first: 5) { totalCount } }", token: rita);
        var other = await Doors.PostAsync(client, "{ needs(first: 5) { totalCount } }", token: host.Token(RoleRights.Resident, subject: "rosa-budget"));
        var tile = await Doors.RouteAsync(client, "/tiles/needs/14/13656/6795.mvt", rita);
        foreach (var answer in new[] { first, second, other, tile })
        {
            output.WriteLine(answer.ToString());
        }
        Assert.Equal(200, first.Status);
        Assert.True(second.Status == 429 && second.Code == "DATABASE_BUDGET_EXHAUSTED" && second.RetryAfter is not null, second.ToString());
        Assert.Equal(200, other.Status);
        Assert.True(tile.Status == 429 && tile.Code == "DATABASE_BUDGET_EXHAUSTED" && tile.RetryAfter is not null, tile.ToString());
    }

    [Fact]
    public async Task Requests_beyond_a_callers_concurrency_wait_their_turn_then_are_refused_with_429()
    {
        using var client = host.CreateClient();
        var carl = host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "carl");
        DoorAnswer second;
        Task<DoorAnswer> first;
        await using (await TableLock.TakeAsync(host.ConnectionString))
        {
            first = Doors.PostAsync(client, "{ needs(first: 5) { totalCount } }", token: carl);
            await Task.Delay(1_000); // the first holds carl's one slot, waiting on the lock
            second = await Doors.PostAsync(client, "{ categories { code } }", token: carl);
            var someoneElse = await Doors.PostAsync(client, "{ categories { code } }", token: host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "cleo"));
            output.WriteLine(someoneElse.ToString());
            Assert.Equal(200, someoneElse.Status);
        }
        var firstAnswer = await first;
        output.WriteLine(firstAnswer.ToString());
        output.WriteLine(second.ToString());
        Assert.Equal(200, firstAnswer.Status);
        Assert.True(second.Status == 429 && second.Code == "TOO_MANY_CONCURRENT_REQUESTS" && second.RetryAfter is not null, second.ToString());
        var afterwards = await Doors.PostAsync(client, "{ categories { code } }", token: carl);
        Assert.Equal(200, afterwards.Status);
    }
}
