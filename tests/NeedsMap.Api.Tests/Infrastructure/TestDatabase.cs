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
    // that has them takes ~0.2 s. Hosts that seed something else than the default (SeededTemplate) start from this one and
    // run every migration.
    private static readonly string[] Extensions = ["postgis", "btree_gist", "pg_trgm"];

    private static readonly Lazy<string> Server = new(() =>
        Environment.GetEnvironmentVariable("NEEDSMAP_DB")
        ?? throw new InvalidOperationException("NEEDSMAP_DB is not set: run the tests with scripts/test, which starts PostGIS."));

    private static readonly Lazy<string> Template = new(CreateTemplate);

    // A default host's first start runs 31 migrations and loads the reference data, 559 divisions with their polygons and the
    // school districts: 1.5 s of a warm host's start, against 0.4 s on a copy that has them (2026-12-07, quiet machine; the
    // API tests took 12 m 39 s instead of 13 m 23 s). The first-start path stays covered: hosts that seed something else
    // (another city, no demo city) start from the extensions only, and so do the tests of migrations and of scripts/run.
    private static readonly Lazy<string> SeededTemplate = new(CreateSeededTemplate);

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

    /// <summary>
    /// A database as a default <see cref="NeedsMapHost"/> leaves it at its first start (migrated, reference data, the demo
    /// city's divisions and school districts, no needs), for a host with the same seeds to start on.
    /// </summary>
    public static string NewSeededDatabase(string purpose) => NewDatabaseFrom(SeededTemplate.Value, purpose);

    /// <summary>A database created with the migrations' extensions already in it, for the server to migrate.</summary>
    public static string NewDatabaseWithExtensions(string purpose) => NewDatabaseFrom(Template.Value, purpose);

    private static string NewDatabaseFrom(string template, string purpose)
    {
        var connectionString = NewDatabaseConnectionString(purpose);
        using var connection = Maintenance();
        connection.Open();
        using var create = new NpgsqlCommand(
            $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" TEMPLATE \"{template}\"", connection);
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
    /// one).
    /// </summary>
    private static string CreateTemplate()
    {
        string tag;
        using (var connection = Maintenance())
        {
            connection.Open();
            using var versions = new NpgsqlCommand(
                "SELECT string_agg(name || default_version, '_' ORDER BY name) FROM pg_available_extensions WHERE name = ANY(@names)", connection);
            versions.Parameters.AddWithValue("names", Extensions);
            tag = (string)versions.ExecuteScalar()!;
        }
        var name = "needsmap_test_template_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(tag)))[..12].ToLowerInvariant();
        MakeTemplateOnce(name, copyOf: null, AddExtensions);
        return name;
    }

    /// <summary>
    /// The seeded template, named after the code that seeds it: the hash of the product's assemblies (deterministic builds, so
    /// an unchanged build keeps its template; the demo city's data is embedded in them) and the extensions' versions. Made once
    /// by starting a default host on a copy of the extensions' template; older ones are dropped when a new one is made.
    /// </summary>
    private static string CreateSeededTemplate()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Template.Value));
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "NeedsMap.*.dll").Where(f => !f.EndsWith(".Tests.dll", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            hash.AppendData(File.ReadAllBytes(file));
        }
        var name = "needsmap_test_seeded_" + Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
        var made = MakeTemplateOnce(name, copyOf: Template.Value, database =>
        {
            var builder = new NpgsqlConnectionStringBuilder(Server.Value) { Database = database, Pooling = true };
            using (var host = new SeedingHost(builder.ConnectionString))
            {
                host.InitializeAsync().GetAwaiter().GetResult();
            }
            NpgsqlConnection.ClearAllPools();
        });
        if (made)
        {
            DropOlderSeededTemplates(name);
        }
        return name;
    }

    /// <summary>
    /// Makes the template <paramref name="name"/> unless it exists: created (empty, or a copy of <paramref name="copyOf"/>), filled
    /// by <paramref name="fill"/>, then frozen. The test projects run at once, so an advisory lock on the name lets one of them
    /// make it while the others wait. True if this call made it.
    /// </summary>
    private static bool MakeTemplateOnce(string name, string? copyOf, Action<string> fill)
    {
        using var connection = Maintenance();
        connection.Open();
        using (var lockIt = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@name))", connection))
        {
            lockIt.Parameters.AddWithValue("name", name);
            lockIt.ExecuteNonQuery();
        }
        // The lock ends with the session (this connection is not pooled).
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name AND datistemplate", connection);
        exists.Parameters.AddWithValue("name", name);
        if (exists.ExecuteScalar() is not null)
        {
            return false;
        }
        // A template left half made (a run stopped while making it) is made again.
        Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        Execute(connection, copyOf is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{copyOf}\"");
        fill(name);
        Execute(connection, $"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        return true;
    }

    /// <summary>Earlier builds' seeded templates; one still being copied from stays (its drop fails) until a later run.</summary>
    private static void DropOlderSeededTemplates(string current)
    {
        using var connection = Maintenance();
        connection.Open();
        var older = new List<string>();
        using (var query = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'needsmap_test_seeded_%' AND datname <> @current", connection))
        {
            query.Parameters.AddWithValue("current", current);
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                older.Add(reader.GetString(0));
            }
        }
        foreach (var name in older)
        {
            try
            {
                Execute(connection, $"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE false");
                Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\"");
            }
            catch (PostgresException)
            {
                // In use by another run's copy: the next run drops it.
            }
        }
    }

    /// <summary>A default host over a database it does not own: it seeds the template and leaves it.</summary>
    private sealed class SeedingHost(string connectionString) : NeedsMapHost(connectionString, ownsDatabase: false);

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
