using NeedsMap.Api.Security.Auth;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Security.Audit;

/// <summary>
/// Writes and reads the audit log of personal-data reads (exports are written by Export/ExportAudit); each write commits on
/// its own, before the data is returned.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task RecordAsync(AccessScope scope, long needId, IEnumerable<string> fields, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO audit_log (at, actor, role, need_id, fields) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = scope.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = scope.Right.Role });
        command.Parameters.Add(new NpgsqlParameter { Value = needId });
        command.Parameters.Add(new NpgsqlParameter { Value = string.Join(',', fields) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(long? needId, int first, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT id, at, actor, role, need_id, fields, action, export_kind, export_format, export_parameters, export_rows, finished_at, completed
            FROM audit_log WHERE ($1::bigint IS NULL OR need_id = $1) ORDER BY at DESC, id DESC LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)needId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry
            {
                Id = reader.GetInt64(0), At = reader.GetFieldValue<DateTimeOffset>(1), Actor = reader.GetString(2),
                Role = reader.GetString(3), NeedId = reader.IsDBNull(4) ? null : reader.GetInt64(4), Fields = reader.GetString(5),
                Action = reader.GetString(6), ExportKind = reader.IsDBNull(7) ? null : reader.GetString(7),
                ExportFormat = reader.IsDBNull(8) ? null : reader.GetString(8), ExportParameters = reader.IsDBNull(9) ? null : reader.GetString(9),
                ExportRows = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                FinishedAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), Completed = reader.IsDBNull(12) ? null : reader.GetBoolean(12),
            });
        }
        return entries;
    }
}
