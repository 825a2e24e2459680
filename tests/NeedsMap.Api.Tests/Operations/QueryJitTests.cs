using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Data;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.Operations;

/// <summary>PostgreSQL's JIT is off on the server's connections unless the operator turns it on (<see cref="QueryJit"/>), and parallel
/// workers start only for large statements (<see cref="ParallelQueries"/>) unless the operator says otherwise.</summary>
public sealed class QueryJitTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>
{
    [Fact]
    public async Task The_servers_connections_run_without_JIT_and_its_statement_timeout_still_holds()
    {
        await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        Assert.Equal("off", await ShowAsync(connection, "jit"));
        Assert.Equal("30s", await ShowAsync(connection, "statement_timeout"));
        Assert.Equal("100000", await ShowAsync(connection, "parallel_setup_cost"));
    }

    [Fact]
    public void The_operators_own_parallel_setup_cost_is_kept()
    {
        var chosen = new NpgsqlConnectionStringBuilder("Host=db;Database=needsmap;Options=-c parallel_setup_cost=1000");
        ParallelQueries.Apply(chosen);
        Assert.Equal("-c parallel_setup_cost=1000", chosen.Options);

        var plain = new NpgsqlConnectionStringBuilder("Host=db;Database=needsmap;Options=-c jit=off");
        ParallelQueries.Apply(plain);
        Assert.Equal("-c jit=off -c parallel_setup_cost=100000", plain.Options);
    }

    [Fact]
    public void The_setting_or_the_operators_own_option_leaves_JIT_as_the_database_has_it()
    {
        var on = new NpgsqlConnectionStringBuilder("Host=db;Database=needsmap");
        QueryJit.Apply(on, jit: true);
        Assert.Null(on.Options);

        var chosen = new NpgsqlConnectionStringBuilder("Host=db;Database=needsmap;Options=-c jit=on");
        QueryJit.Apply(chosen, jit: false);
        Assert.Equal("-c jit=on", chosen.Options);

        var plain = new NpgsqlConnectionStringBuilder("Host=db;Database=needsmap;Options=-c search_path=public");
        QueryJit.Apply(plain, jit: false);
        Assert.Equal("-c search_path=public -c jit=off", plain.Options);
    }

    private static async Task<string?> ShowAsync(NpgsqlConnection connection, string setting)
    {
        await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string?)await show.ExecuteScalarAsync();
    }
}
