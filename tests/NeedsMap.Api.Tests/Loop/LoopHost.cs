using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Loop;

/// <summary>The test host with a hand-moved clock and the escalation job off (tests run the escalator themselves).</summary>
public sealed class LoopHost() : ClockedHost(Start)
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Loop:EscalationInterval", "00:00:00");
    }

    public async Task ResetLoopAsync()
    {
        Clock.Set(Start);
        await ResetAsync();
        await ExecuteSqlAsync("TRUNCATE whistles, whistle_departments, whistle_needs, whistle_history, scenes, consultations, "
            + "consultation_participants, consultation_posts, consultation_proposals, proposal_votes, reform_items, one_things RESTART IDENTITY CASCADE");
    }

    /// <summary>Runs a request that must succeed and returns its data.</summary>
    public Task<JsonNode> OkAsync(string query, object? variables = null) => GraphQLDataAsync(query, variables);

    /// <summary>
    /// Runs a request that must fail and returns its error code: a GraphQL error's, or else a mutation payload's typed
    /// refusal's (whose changed object must then be null).
    /// </summary>
    public async Task<string> ErrorCodeAsync(string query, object? variables = null)
    {
        var result = await GraphQLAsync(query, variables);
        if (result["errors"] is JsonArray { Count: > 0 } errors)
        {
            return errors[0]!["extensions"]?["code"]?.GetValue<string>() ?? "(no code)";
        }
        var refusal = Payloads.Refusals(result["data"]) is [var first, ..] ? first : null;
        Assert.True(refusal is not null, result.ToJsonString());
        var payload = result["data"]!.AsObject().Single().Value!.AsObject();
        Assert.True(payload.Where(p => p.Key != "errors").All(p => p.Value is null), "a refused mutation returned its object: " + result.ToJsonString());
        return refusal!["code"]?.GetValue<string>() ?? "(no code)";
    }

    /// <summary>Counts rows, to show a refused mutation changed nothing.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

internal static class LoopHostExtensions
{
    /// <summary>Runs a scoped service once, as the background jobs do.</summary>
    public static async Task<TResult> WithScopeAsync<TService, TResult>(this LoopHost host, Func<TService, Task<TResult>> run) where TService : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
