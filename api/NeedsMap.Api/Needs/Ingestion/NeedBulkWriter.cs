using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>
/// Writes many new needs with PostgreSQL's binary COPY, for loads where the one-by-one pipeline's per-record
/// transaction would dominate (the demo city, benchmark data, batch files of records known to be new).
/// </summary>
public sealed class NeedBulkWriter(NpgsqlDataSource dataSource)
{
    private const string Copy = """
        COPY needs (channel_code, external_id, version, received_at, updated_at, text, category_code, category_confidence,
                    classifier_version, status, weight, location, address, located_by, jurisdiction_code, jurisdiction_path,
                    reporter_key, reporter_age_band, reporter_gender, reporter_group)
        FROM STDIN (FORMAT BINARY)
        """;

    public async Task<ulong> WriteAsync(IEnumerable<Need> needs, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var writer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var n in needs)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(n.ChannelCode, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(n.ExternalId, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(n.Version, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(n.ReceivedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(n.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(n.Text, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(n.CategoryCode, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, n.CategoryConfidence, NpgsqlDbType.Double, cancellationToken);
            await WriteNullableAsync(writer, n.ClassifierVersion, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(n.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(n.Weight, NpgsqlDbType.Double, cancellationToken);
            await writer.WriteAsync(n.Location, NpgsqlDbType.Geometry, cancellationToken);
            await WriteNullableAsync(writer, n.Address, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(n.LocatedBy.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(n.JurisdictionCode, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(n.JurisdictionPath, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, n.ReporterKey, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, n.ReporterAgeBand, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, n.ReporterGender, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, n.ReporterGroup, NpgsqlDbType.Varchar, cancellationToken);
        }
        return await writer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);
}
