using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Sdk;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Channels.Quarantine;

/// <summary>One record to quarantine: what identifies it, why it was refused, and its raw text (sealed before it is stored).</summary>
public sealed record QuarantineItem(string? ExternalId, string Reason, string Message, string Raw, string ContentType);

/// <summary>A quarantine entry as written: its id, and whether this delivery made it (false: it updated the record's open entry).</summary>
public sealed record QuarantineEntry(long Id, bool IsNew);

/// <summary>
/// Keeps what could not be stored, encrypted, with the reason; nothing a channel sent is dropped silently. A record has one
/// open entry per channel (by external id, or by its raw text when it has none): a redelivery updates the reason, the
/// payload and the delivery count of that entry instead of adding another. Written in one statement, so several servers
/// and the two chunks a file stores at once may quarantine concurrently.
/// </summary>
public sealed class QuarantineStore(NpgsqlDataSource dataSource, SecretBox secrets, TimeProvider time)
{
    /// <summary>The content type of a record that parsed but could not be stored: the parsed record as JSON.</summary>
    public const string ParsedRecordContentType = "application/vnd.needsmap.need-record+json";

    public static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    private const string Upsert = """
        INSERT INTO quarantined_records AS q (channel_code, external_id, reason_code, message, raw_encrypted, content_type,
          received_at, state, attempts, fingerprint, deliveries)
        SELECT @channel, x.external_id, x.reason, x.message, x.raw, x.content_type, @now, 'Quarantined', 0, x.fingerprint, 1
        FROM unnest(@external_ids, @reasons, @messages, @raws, @content_types, @fingerprints)
          AS x(external_id, reason, message, raw, content_type, fingerprint)
        ON CONFLICT (channel_code, fingerprint) WHERE state = 'Quarantined' DO UPDATE SET
          reason_code = excluded.reason_code, message = excluded.message, raw_encrypted = excluded.raw_encrypted,
          content_type = excluded.content_type, deliveries = q.deliveries + 1, last_received_at = excluded.received_at
        RETURNING q.fingerprint, q.id, (xmax = 0) AS inserted
        """;

    /// <summary>Quarantines <paramref name="items"/>; the entries come back in the same order (a record twice in one delivery gets one entry).</summary>
    public async Task<IReadOnlyList<QuarantineEntry>> AddAsync(string channelCode, IReadOnlyList<QuarantineItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return [];
        }
        var fingerprints = items.Select(FingerprintOf).ToList();
        // One row per fingerprint (the last delivery of it wins): ON CONFLICT may not touch a row twice in one statement.
        var latest = new Dictionary<string, QuarantineItem>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            latest[fingerprints[i]] = items[i];
        }
        var rows = latest.ToList();
        await using var command = dataSource.CreateCommand(Upsert);
        command.Parameters.AddWithValue("channel", channelCode);
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = time.GetUtcNow().UtcDateTime });
        Text(command, "external_ids", rows.Select(r => Truncate(r.Value.ExternalId, 128)));
        Text(command, "reasons", rows.Select(r => Truncate(r.Value.Reason, 64)));
        Text(command, "messages", rows.Select(r => Truncate(r.Value.Message, 2000)));
        Text(command, "content_types", rows.Select(r => Truncate(r.Value.ContentType, 200)));
        Text(command, "fingerprints", rows.Select(r => r.Key));
        command.Parameters.Add(new NpgsqlParameter("raws", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            Value = rows.Select(r => secrets.Seal(r.Value.Raw, SecretPurpose.Quarantine)).ToArray(),
        });
        var written = new Dictionary<string, QuarantineEntry>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                written[reader.GetString(0)] = new QuarantineEntry(reader.GetInt64(1), reader.GetBoolean(2));
            }
        }
        // The first occurrence of a fingerprint in this delivery is the one that made (or updated) the entry.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. fingerprints.Select(f => seen.Add(f) ? written[f] : written[f] with { IsNew = false })];
    }

    /// <summary>The record's identity across deliveries: its external id, else the SHA-256 of its raw text.</summary>
    public static string FingerprintOf(QuarantineItem item) =>
        !string.IsNullOrEmpty(item.ExternalId)
            ? Truncate(item.ExternalId, 128)!
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(item.Raw)));

    public static string Serialize(NeedRecord record) => JsonSerializer.Serialize(record, RecordJson);

    public static NeedRecord? Deserialize(string json) => JsonSerializer.Deserialize<NeedRecord>(json, RecordJson);

    private static void Text(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
