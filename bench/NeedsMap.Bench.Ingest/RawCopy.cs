using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Bench.Ingest;

/// <summary>The baseline: rows exactly as the pipeline stored them, written back by one binary COPY and nothing else.</summary>
internal static class RawCopy
{
    private static readonly (string Column, NpgsqlDbType Type)[] Columns =
    [
        ("channel_code", NpgsqlDbType.Varchar), ("external_id", NpgsqlDbType.Varchar), ("version", NpgsqlDbType.Bigint),
        ("received_at", NpgsqlDbType.TimestampTz), ("updated_at", NpgsqlDbType.TimestampTz), ("text", NpgsqlDbType.Varchar),
        ("category_code", NpgsqlDbType.Varchar), ("category_confidence", NpgsqlDbType.Double), ("classifier_version", NpgsqlDbType.Varchar),
        ("status", NpgsqlDbType.Varchar), ("weight", NpgsqlDbType.Double), ("location", NpgsqlDbType.Geometry), ("address", NpgsqlDbType.Varchar),
        ("located_by", NpgsqlDbType.Varchar), ("jurisdiction_code", NpgsqlDbType.Varchar), ("jurisdiction_path", NpgsqlDbType.Varchar),
        ("reporter_key", NpgsqlDbType.Varchar), ("reporter_age_band", NpgsqlDbType.Varchar), ("reporter_gender", NpgsqlDbType.Varchar),
        ("reporter_group", NpgsqlDbType.Varchar), ("contact_encrypted", NpgsqlDbType.Bytea), ("contact_key_id", NpgsqlDbType.Varchar),
    ];

    private static string ColumnList => string.Join(", ", Columns.Select(c => c.Column));

    public static async Task<List<object?[]>> ReadAsync(NpgsqlDataSource dataSource)
    {
        var rows = new List<object?[]>();
        await using var command = dataSource.CreateCommand($"SELECT {ColumnList} FROM needs ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[Columns.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public static async Task<ulong> WriteAsync(NpgsqlDataSource dataSource, List<object?[]> rows)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY needs ({ColumnList}) FROM STDIN (FORMAT BINARY)");
        writer.Timeout = TimeSpan.FromHours(1);
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is { } value)
                {
                    await writer.WriteAsync(value, Columns[i].Type);
                }
                else
                {
                    await writer.WriteNullAsync();
                }
            }
        }
        return await writer.CompleteAsync();
    }
}
