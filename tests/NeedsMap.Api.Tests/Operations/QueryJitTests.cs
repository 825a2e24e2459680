using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Data;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.Operations;

/// <summary>PostgreSQL's JIT is off on the server's connections unless the operator turns it on (<see cref="QueryJit"/>).</summary>
public sealed class QueryJitTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>
{
    [Fact]
    public async Task The_servers_connections_run_without_JIT_and_its_statement_timeout_still_holds()
    {
        await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        Assert.Equal("off", await ShowAsync(connection, "jit"));
        Assert.Equal("30s", await ShowAsync(connection, "statement_timeout"));
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
