using Npgsql;

namespace NeedsMap.Api.Tests.Replica;

/// <summary>
/// The streaming standby of the test PostgreSQL (NEEDSMAP_TEST_REPLICA: scripts/test makes and starts it with
/// scripts/lib/replica.sh, or takes NEEDSMAP_DB_REPLICA, and passes it under this name, since every in-process host reads
/// NEEDSMAP_DB_REPLICA from the environment as the server does). A test database created on the primary is replayed there
/// under the same name.
/// </summary>
internal static class TestReplica
{
    private static readonly Lazy<NpgsqlConnectionStringBuilder> Server = new(() => new NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable("NEEDSMAP_TEST_REPLICA") is { Length: > 0 } replica ? replica
        : throw new InvalidOperationException("NEEDSMAP_TEST_REPLICA is not set: run the tests with scripts/test, which starts the replica beside PostGIS.")));

    public static string Host => Server.Value.Host!;

    public static int Port => Server.Value.Port;

    /// <summary>The standby's copy of <paramref name="primaryDatabase"/>'s database, reached at <paramref name="port"/> (a relay's, say).</summary>
    public static string For(string primaryDatabase, string applicationName, int? port = null) => new NpgsqlConnectionStringBuilder(Server.Value.ConnectionString)
    {
        Database = new NpgsqlConnectionStringBuilder(primaryDatabase).Database,
        Port = port ?? Port,
        ApplicationName = applicationName,
    }.ConnectionString;

    /// <summary>Connections the named application holds to the database on the server at <paramref name="connectionString"/>.</summary>
    public static async Task<long> ConnectionsOfAsync(string connectionString, string applicationName)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", ApplicationName = "needsmap-tests", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @a", connection);
        command.Parameters.AddWithValue("a", applicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until the standby has replayed everything the primary has written so far (its LSN now), or fails at the deadline.</summary>
    public static async Task CaughtUpAsync(string primaryDatabase, TimeSpan patience)
    {
        string lsn;
        await using (var primary = new NpgsqlConnection(primaryDatabase))
        {
            await primary.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
            lsn = (string)(await command.ExecuteScalarAsync())!;
        }
        var deadline = DateTime.UtcNow + patience;
        await using var replica = new NpgsqlConnection(For(primaryDatabase, "needsmap-tests") + ";Database=postgres");
        await replica.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= @lsn::pg_lsn", replica);
            command.Parameters.AddWithValue("lsn", lsn);
            if ((bool)(await command.ExecuteScalarAsync())!)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the replica did not replay {lsn} within {patience}");
            await Task.Delay(100);
        }
    }
}
