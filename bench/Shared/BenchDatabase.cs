using Npgsql;

namespace NeedsMap.Bench;

/// <summary>The database a benchmark runs in, on the PostGIS server NEEDSMAP_DB names; kept between runs so data is made once.</summary>
internal static class BenchDatabase
{
    public static string Server => Environment.GetEnvironmentVariable("NEEDSMAP_DB")
        ?? throw new InvalidOperationException("Set NEEDSMAP_DB to a PostGIS server.");

    /// <summary>Creates <paramref name="database"/> when missing and returns its connection string (no command timeout).</summary>
    public static async Task<string> EnsureAsync(string database)
    {
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = database, CommandTimeout = 0 }.ConnectionString;
    }

    /// <summary>Drops <paramref name="database"/> if it exists and creates it empty, for a benchmark whose runs must not see each other's data.</summary>
    public static async Task<string> RecreateAsync(string database)
    {
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        return await EnsureAsync(database);
    }
}
