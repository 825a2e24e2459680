using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>A per-transaction table the batch is COPYed into in binary, so locating and upserting run as set operations.</summary>
internal static class StagingTable
{
    public const string Name = "incoming_needs";

    private const string Create = """
        CREATE TEMP TABLE incoming_needs (
          idx int NOT NULL, channel_code text NOT NULL, external_id text NOT NULL, version bigint NOT NULL,
          received_at timestamptz NOT NULL, text text NOT NULL, category_code text NOT NULL, category_confidence float8,
          classifier_version text, weight float8 NOT NULL, location geometry(Point, 4326) NOT NULL, address text,
          located_by text NOT NULL, jurisdiction_code text, jurisdiction_path text, reporter_key text,
          reporter_age_band text, reporter_gender text, reporter_group text, actor text NOT NULL,
          contact_encrypted bytea, contact_key_id text, status text, attributes jsonb, notes jsonb
        ) ON COMMIT DROP
        """;

    private const string Copy = """
        COPY incoming_needs (idx, channel_code, external_id, version, received_at, text, category_code, category_confidence,
          classifier_version, weight, location, address, located_by, jurisdiction_code, jurisdiction_path, reporter_key,
          reporter_age_band, reporter_gender, reporter_group, actor, contact_encrypted, contact_key_id, status, attributes, notes)
          FROM STDIN (FORMAT BINARY)
        """;

    public static async Task FillAsync(NpgsqlConnection connection, IReadOnlyList<PreparedNeed> needs, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(Create, connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        await using var writer = await connection.BeginBinaryImportAsync(Copy, ct);
        foreach (var n in needs)
        {
            var s = n.Source;
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(n.Index, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(s.ChannelCode, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(s.ExternalId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(s.Version, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(s.ReceivedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(n.Text, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(n.CategoryCode, NpgsqlDbType.Text, ct);
            await WriteAsync(writer, n.CategoryConfidence, NpgsqlDbType.Double, ct);
            await WriteAsync(writer, n.ClassifierVersion, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(n.Weight, NpgsqlDbType.Double, ct);
            await writer.WriteAsync(n.Location, NpgsqlDbType.Geometry, ct);
            await WriteAsync(writer, s.Address, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(n.LocatedBy.ToString(), NpgsqlDbType.Text, ct);
            await WriteAsync(writer, n.JurisdictionCode, NpgsqlDbType.Text, ct);
            await WriteAsync(writer, n.JurisdictionPath, NpgsqlDbType.Text, ct);
            await WriteAsync(writer, s.ReporterKey, NpgsqlDbType.Text, ct);
            await WriteAsync(writer, s.ReporterAgeBand, NpgsqlDbType.Text, ct);
            await WriteAsync(writer, s.ReporterGender, NpgsqlDbType.Text, ct);
            await WriteAsync(writer, s.ReporterGroup, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(s.Actor, NpgsqlDbType.Text, ct);
            await WriteAsync(writer, n.Contact?.Ciphertext, NpgsqlDbType.Bytea, ct);
            await WriteAsync(writer, n.Contact?.KeyId, NpgsqlDbType.Text, ct);
            await WriteAsync(writer, s.Status?.ToString(), NpgsqlDbType.Text, ct);
            await WriteAsync(writer, n.AttributesJson, NpgsqlDbType.Jsonb, ct);
            await WriteAsync(writer, n.NotesJson, NpgsqlDbType.Jsonb, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);
}
