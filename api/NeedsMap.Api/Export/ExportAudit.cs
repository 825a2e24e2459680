using NeedsMap.Api.Security.Audit;
using NeedsMap.Api.Security.Auth;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Export;

/// <summary>
/// Every export is a row in <c>audit_log</c>: written before the first byte leaves (so an export the server dies during
/// is still on record), completed with its row count when it ends, however it ends.
/// </summary>
public sealed class ExportAudit(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<long> StartAsync(AccessScope scope, string kind, ExportFormat format, string parameters, IEnumerable<string> columns,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit_log (at, actor, role, action, fields, export_kind, export_format, export_parameters)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = scope.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = scope.Right.Role });
        command.Parameters.Add(new NpgsqlParameter { Value = AuditEntry.ExportAction });
        command.Parameters.Add(new NpgsqlParameter { Value = string.Join(',', columns) });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = format.Extension() });
        command.Parameters.Add(new NpgsqlParameter { Value = parameters.Length <= 8000 ? parameters : parameters[..8000] });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task FinishAsync(long id, long rows, bool completed)
    {
        await using var command = dataSource.CreateCommand("UPDATE audit_log SET export_rows = $2, finished_at = $3, completed = $4 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = rows });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = completed });
        // Not the request's token: a client that went away must not stop the record of what it took.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
