using NeedsMap.Api.Common.CommandLine;
using Npgsql;

namespace NeedsMap.Api.Security.Privacy;

/// <summary>
/// After a key rotation (new <c>EncryptionKey</c> and <c>EncryptionKeyId</c>, the old key moved to
/// <c>PreviousEncryptionKeys</c>): re-seals every contact and quarantined payload that is in an older format or under an
/// older key, so the old key can then be dropped. <c>dotnet NeedsMap.Api.dll reseal-secrets</c>; safe to run again.
/// </summary>
public sealed class SecretRotation(NpgsqlDataSource dataSource, SecretBox box)
{
    public const string CommandName = "reseal-secrets";
    private const int BatchSize = 500;

    public async Task<(int Contacts, int Quarantined)> ResealAsync(CancellationToken cancellationToken)
    {
        var contacts = await ResealAsync("needs", "contact_encrypted", "contact_key_id", SecretPurpose.Contact, cancellationToken);
        var quarantined = await ResealAsync("quarantined_records", "raw_encrypted", null, SecretPurpose.Quarantine, cancellationToken);
        return (contacts, quarantined);
    }

    private async Task<int> ResealAsync(string table, string column, string? keyColumn, string purpose, CancellationToken cancellationToken)
    {
        var changed = 0;
        long last = 0;
        while (true)
        {
            var batch = new List<(long Id, byte[] Data, string? KeyId)>();
            await using (var select = dataSource.CreateCommand(
                $"SELECT id, {column}, {keyColumn ?? "NULL::text"} FROM {table} WHERE id > $1 AND {column} IS NOT NULL ORDER BY id LIMIT {BatchSize}"))
            {
                select.Parameters.Add(new NpgsqlParameter { Value = last });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    batch.Add((reader.GetInt64(0), (byte[])reader[1], reader.IsDBNull(2) ? null : reader.GetString(2)));
                }
            }
            if (batch.Count == 0)
            {
                return changed;
            }
            last = batch[^1].Id;
            foreach (var (id, data, keyId) in batch.Where(b => box.IsStale(b.Data)))
            {
                var resealed = box.Seal(box.Open(data, purpose, keyId), purpose);
                await using var update = dataSource.CreateCommand(keyColumn is null
                    ? $"UPDATE {table} SET {column} = $2 WHERE id = $1"
                    : $"UPDATE {table} SET {column} = $2, {keyColumn} = $3 WHERE id = $1");
                update.Parameters.Add(new NpgsqlParameter { Value = id });
                update.Parameters.Add(new NpgsqlParameter { Value = resealed });
                if (keyColumn is not null)
                {
                    update.Parameters.Add(new NpgsqlParameter { Value = box.CurrentKeyId });
                }
                changed += await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public static async Task<int> RunCommandAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var (contacts, quarantined) = await services.GetRequiredService<SecretRotation>().ResealAsync(cancellationToken);
        await output.WriteLineAsync($"re-sealed {contacts} contacts and {quarantined} quarantined payloads under key {services.GetRequiredService<SecretBox>().CurrentKeyId}");
        return ExitCodes.Ok;
    }
}
