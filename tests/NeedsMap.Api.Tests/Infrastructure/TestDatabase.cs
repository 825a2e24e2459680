using Npgsql;

namespace NeedsMap.Api.Tests.Infrastructure;

/// <summary>
/// The real PostGIS the tests run against (NEEDSMAP_DB, set by scripts/test). Each host gets a database of its
/// own, created empty and migrated by the host itself, and dropped afterwards.
/// </summary>
internal static class TestDatabase
{
    private static readonly Lazy<string> Server = new(() =>
        Environment.GetEnvironmentVariable("NEEDSMAP_DB")
        ?? throw new InvalidOperationException("NEEDSMAP_DB is not set: run the tests with scripts/test, which starts PostGIS."));

    public static string NewDatabaseConnectionString(string purpose)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server.Value)
        {
            Database = $"needsmap_test_{purpose.ToLowerInvariant()}_{Guid.NewGuid():N}"[..50],
            Pooling = true,
        };
        return builder.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(Server.Value) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
