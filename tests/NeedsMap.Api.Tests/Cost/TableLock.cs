using Npgsql;

namespace NeedsMap.Api.Tests.Cost;

/// <summary>
/// Holds <c>needs</c> locked from a connection of the test's own, so a request that reads needs waits inside PostgreSQL for
/// as long as the test likes: a slow statement without data to make it slow.
/// </summary>
internal sealed class TableLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<TableLock> TakeAsync(string connectionString, string table = "needs")
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new TableLock(connection, transaction);
    }

    /// <summary>
    /// Statements of other sessions of this database waiting for a lock right now whose text is like <paramref name="like"/>
    /// (the server's own background services may wait on the same table; a test counts the statements of its request).
    /// </summary>
    public async Task<long> WaitingStatementsAsync(string like = "%")
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE @like",
            _connection, _transaction);
        command.Parameters.AddWithValue("like", like);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _connection.DisposeAsync();
    }
}
