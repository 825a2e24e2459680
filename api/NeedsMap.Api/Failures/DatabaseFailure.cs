using System.Net.Sockets;
using Npgsql;

namespace NeedsMap.Api.Failures;

/// <summary>
/// What a database exception means to a client: the database is out of reach (retry later), or a statement ran out of
/// time (the statement timeout or the request's budget cancelled it). Anything else stays an internal fault.
/// EF Core and GraphQL.NET wrap Npgsql's exceptions, so the whole chain of inner exceptions is read.
/// </summary>
public static class DatabaseFailure
{
    /// <summary>How long a client is asked to wait before trying again while the database is out of reach.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return IsUnavailableState(pg.SqlState) || IsRecoveryConflict(pg);
                case NpgsqlException { InnerException: SocketException or IOException or EndOfStreamException }:
                case NpgsqlException { IsTransient: true, InnerException: not TimeoutException }:
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    public static bool IsTimeout(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState == PostgresErrorCodes.QueryCanceled;
                case NpgsqlException { InnerException: TimeoutException }:
                    return true;
            }
        }
        return false;
    }

    // A read standby (Replica/) cancels a query whose rows its replay must remove or lock (40001 "conflict with recovery",
    // 57P04 when the database was dropped): the same read asked again succeeds, so the client is told to retry.
    private static bool IsRecoveryConflict(PostgresException pg) =>
        pg.SqlState == PostgresErrorCodes.DatabaseDropped
        || (pg.SqlState == PostgresErrorCodes.SerializationFailure && pg.MessageText.Contains("conflict with recovery", StringComparison.Ordinal));

    // Class 08 (connection exception), 53300 too many connections, 57P01-57P03 (the server is shutting down, crashed or
    // starting), 3D000 and 55000 (the database was dropped or closed to connections): nothing the client did.
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.ObjectNotInPrerequisiteState;
}
