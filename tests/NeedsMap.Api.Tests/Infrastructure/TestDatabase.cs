using Npgsql;

namespace NeedsMap.Api.Tests.Infrastructure;

/// <summary>
/// The real PostGIS the tests run against (NEEDSMAP_DB, set by scripts/test). Each host gets a database of its
/// own, migrated by the host itself, and dropped afterwards.
/// </summary>
internal static class TestDatabase
{
    // The extensions the migrations create. Creating postgis took PostgreSQL 0.9 s a database on a quiet machine and 1.8 s
    // during the suite (its functions, types and spatial_ref_sys), half of a host's statement time; copying a template
    // that has them takes ~0.2 s. Only the extensions come from the template: every host still runs every migration.
    private static readonly string[] Extensions = ["postgis", "btree_gist", "pg_trgm"];

    private static readonly Lazy<string> Server = new(() =>
        Environment.GetEnvironmentVariable("NEEDSMAP_DB")
        ?? throw new InvalidOperationException("NEEDSMAP_DB is not set: run the tests with scripts/test, which starts PostGIS."));

    private static readonly Lazy<string> Template = new(CreateTemplate);

    /// <summary>The name of a database nobody has created: the server creates it (the path a first start takes).</summary>
    public static string NewDatabaseConnectionString(string purpose)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server.Value)
        {
            Database = $"needsmap_test_{purpose.ToLowerInvariant()}_{Guid.NewGuid():N}"[..50],
            Pooling = true,
        };
        return builder.ConnectionString;
    }

    /// <summary>A database created with the migrations' extensions already in it, for the server to migrate.</summary>
    public static string NewDatabaseWithExtensions(string purpose)
    {
        var connectionString = NewDatabaseConnectionString(purpose);
        using var connection = Maintenance();
        connection.Open();
        using var create = new NpgsqlCommand(
            $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" TEMPLATE \"{Template.Value}\"", connection);
        create.ExecuteNonQuery();
        return connectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearAllPools();
        await using var connection = Maintenance();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlConnection Maintenance() =>
        new(new NpgsqlConnectionStringBuilder(Server.Value) { Database = "postgres", Pooling = false }.ConnectionString);

    /// <summary>
    /// The template, made once per cluster and extension versions (its name carries them, so a newer PostGIS gets a new
    /// one); the test projects run at once, so an advisory lock lets one of them make it while the others wait.
    /// </summary>
    private static string CreateTemplate()
    {
        using var connection = Maintenance();
        connection.Open();
        using var versions = new NpgsqlCommand(
            "SELECT string_agg(name || default_version, '_' ORDER BY name) FROM pg_available_extensions WHERE name = ANY(@names)", connection);
        versions.Parameters.AddWithValue("names", Extensions);
        var tag = (string)versions.ExecuteScalar()!;
        var name = "needsmap_test_template_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(tag)))[..12].ToLowerInvariant();
        Execute(connection, "SELECT pg_advisory_lock(hashtext('needsmap_test_template'))");
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name AND datistemplate", connection);
        exists.Parameters.AddWithValue("name", name);
        if (exists.ExecuteScalar() is null)
        {
            // A template left half made (a run stopped while making it) is made again.
            Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\"");
            Execute(connection, $"CREATE DATABASE \"{name}\"");
            AddExtensions(name);
            Execute(connection, $"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        }
        Execute(connection, "SELECT pg_advisory_unlock(hashtext('needsmap_test_template'))");
        return name;
    }

    private static void AddExtensions(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server.Value) { Database = database, Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        foreach (var extension in Extensions)
        {
            Execute(connection, $"CREATE EXTENSION IF NOT EXISTS {extension}");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
