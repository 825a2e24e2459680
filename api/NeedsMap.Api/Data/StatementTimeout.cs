using System.Globalization;
using Npgsql;

namespace NeedsMap.Api.Data;

/// <summary>
/// Every statement on the server's connections runs under PostgreSQL's <c>statement_timeout</c>
/// (<c>NeedsMap:Database:StatementTimeoutSeconds</c>; by default the connection string's <c>Command Timeout</c>, 30 s, and
/// none when that is 0), so a statement stops on the server even when its client is gone. Work that must run longer over
/// the whole city (rebuilds, reweighing) lifts it on its own connection; the pool resets it when the connection returns.
/// </summary>
public static class StatementTimeout
{
    public const string Setting = "NeedsMap:Database:StatementTimeoutSeconds";

    /// <summary>Sets the timeout as a startup option of every connection, and the client's command timeout a little above it.</summary>
    public static void Apply(NpgsqlConnectionStringBuilder connection, double? seconds)
    {
        var timeout = seconds ?? connection.CommandTimeout;
        if (timeout <= 0 || connection.Options?.Contains("statement_timeout", StringComparison.Ordinal) == true)
        {
            return;
        }
        var milliseconds = ((long)Math.Ceiling(timeout * 1000)).ToString(CultureInfo.InvariantCulture);
        connection.Options = $"{connection.Options} -c statement_timeout={milliseconds}".Trim();
        // The server's own error ("canceling statement due to statement timeout") should arrive before the client gives up.
        connection.CommandTimeout = (int)Math.Ceiling(timeout) + 5;
    }

    /// <summary>Lifts the timeout for the rest of this connection's turn out of the pool.</summary>
    public static async Task LiftAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SET statement_timeout = 0", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
