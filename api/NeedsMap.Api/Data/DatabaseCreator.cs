using Npgsql;

namespace NeedsMap.Api.Data;

/// <summary>
/// Creates the database before EF Core migrates it. EF would create it too, but it first tries to open it and logs
/// that expected failure as an error ("fail: … An error occurred using the connection"), so a normal first start
/// looked broken. Without the right to read pg_database or create one, EF's own way is left to run.
/// </summary>
internal static class DatabaseCreator
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "CREATE DATABASE takes no parameters; the name is the server's own setting, quoted as an identifier.")]
    public static async Task EnsureExistsAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(target.Database))
        {
            return;
        }
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", target.Database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created the database {Database}", target.Database);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidCatalogName
            or PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            logger.LogDebug(ex, "Could not create {Database} through the maintenance database; migrations will try", target.Database);
        }
    }
}
