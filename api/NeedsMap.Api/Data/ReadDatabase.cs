using Npgsql;

namespace NeedsMap.Api.Data;

/// <summary>
/// Where reads that tolerate lag go (issue #18 item 5): the map's aggregates (cells, cell tiles, key matters, needStats,
/// warnings) take the <see cref="NpgsqlDataSource"/> registered under <see cref="Key"/>. With
/// <c>ConnectionStrings:NeedsMapReadReplica</c> (or <c>NEEDSMAP_DB_REPLICA</c>) set it is a streaming standby, with the
/// primary behind it as a fallback; unset it is the primary's own data source, so nothing changes. Writes, a caller's own
/// records, LISTEN/NOTIFY, migrations and the rollup applier never take it.
/// </summary>
public static class ReadDatabase
{
    /// <summary>The DI key of the read data source (and of the read-only DbContext).</summary>
    public const string Key = "read";

    public const string ConnectionStringName = "NeedsMapReadReplica";

    /// <summary>Configuration first, then NEEDSMAP_DB_REPLICA (scripts/run --replica sets it); null when reads stay on the primary.</summary>
    public static string? FindReplicaConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured ? configured
        : configuration["NEEDSMAP_DB_REPLICA"] is { Length: > 0 } environment ? environment : null;

    /// <summary>
    /// The standby's hosts first, then the primary's, with <c>Target Session Attributes=prefer-standby</c>: Npgsql's own
    /// multi-host failover sends reads to a standby while one answers and to the primary when none does (it marks a host
    /// down and looks again after <c>Host Recheck Seconds</c>). A replica string that names several hosts or its own
    /// target session attributes is taken as written: the operator has chosen.
    /// </summary>
    public static NpgsqlConnectionStringBuilder ReadConnection(string primary, string replica)
    {
        var read = new NpgsqlConnectionStringBuilder(replica);
        if (read.Host is null || read.Host.Contains(',', StringComparison.Ordinal) || read.TargetSessionAttributes is not null)
        {
            return read;
        }
        var main = new NpgsqlConnectionStringBuilder(primary);
        read.Host = $"{HostPort(read.Host, read.Port)},{HostPort(main.Host ?? "localhost", main.Port)}";
        read.TargetSessionAttributes = "prefer-standby";
        return read;
    }

    private static string HostPort(string host, int port) => host.Contains(':', StringComparison.Ordinal) ? host : $"{host}:{port}";

    /// <summary>The read data source: the primary's settings (<see cref="DatabaseRegistration.BuildDataSource"/>) on the read connection.</summary>
    public static NpgsqlDataSource BuildDataSource(string primary, string replica, double? statementTimeoutSeconds, bool jit = false) =>
        DatabaseRegistration.BuildDataSource(ReadConnection(primary, replica).ConnectionString, statementTimeoutSeconds, jit);
}
