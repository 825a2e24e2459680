using NeedsMap.Api.Filtering;
using NeedsMap.Api.Security.Privacy;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.MaskedSearch;

/// <summary>
/// Each need's text as roles without personal data see it (<see cref="PersonalDataMask"/>), kept in <c>need_masked_texts</c>
/// so those roles' <c>textContains</c> searches what they can read and nothing else: a masked phone number's hidden digits
/// and a masked name are simply not there to be found. Written with the derived tables (<see cref="MaskedTextWriter"/>),
/// caught up at start for older rows and older masking versions (<see cref="MaskedTextIndexer"/>).
/// </summary>
public static class MaskedTexts
{
    /// <summary>The table; searched by <see cref="NeedFilterSql"/> (the filter's <c>MaskedTextContains</c>).</summary>
    public const string Table = NeedFilterSql.MaskedTextTable;

    /// <summary>Masks and stores the current texts of these needs. Ids are taken in order, so concurrent writers lock rows alike.</summary>
    /// <param name="overwriteSameVersion">
    /// False for the catch-up, which must not put back an older text over one a newer revision's change already wrote.
    /// </param>
    public static async Task<int> WriteAsync(NpgsqlConnection connection, IEnumerable<long> needIds, bool overwriteSameVersion, CancellationToken ct)
    {
        var ids = needIds.Distinct().Order().ToArray();
        if (ids.Length == 0)
        {
            return 0;
        }
        var texts = new List<(long Id, string Text)>(ids.Length);
        await using (var read = new NpgsqlCommand("SELECT id, text FROM needs WHERE id = ANY(@ids) ORDER BY id", connection))
        {
            read.Parameters.AddWithValue("ids", ids);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                texts.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }
        return await StoreAsync(connection, texts, overwriteSameVersion, ct);
    }

    /// <summary>Drops these needs' masked texts, so the catch-up masks their current texts anew.</summary>
    public static async Task ForgetAsync(NpgsqlConnection connection, IEnumerable<long> needIds, CancellationToken ct)
    {
        var ids = needIds.Distinct().Order().ToArray();
        if (ids.Length == 0)
        {
            return;
        }
        await using var forget = new NpgsqlCommand($"DELETE FROM {Table} WHERE need_id = ANY(@ids)", connection);
        forget.Parameters.AddWithValue("ids", ids);
        await forget.ExecuteNonQueryAsync(ct);
    }

    public static async Task<int> StoreAsync(NpgsqlConnection connection, IReadOnlyList<(long Id, string Text)> texts, bool overwriteSameVersion,
        CancellationToken ct)
    {
        if (texts.Count == 0)
        {
            return 0;
        }
        // Masking names runs jieba's tagger (a millisecond or two a text): spread over the cores.
        var masked = new string[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = ct }, i => masked[i] = PersonalDataMask.Scrub(texts[i].Text));
        var condition = overwriteSameVersion ? $"{Table}.version <= excluded.version" : $"{Table}.version < excluded.version";
        await using var write = new NpgsqlCommand($"""
            INSERT INTO {Table} (need_id, text, version)
            SELECT t.id, t.text, @version FROM unnest(@ids, @texts) AS t(id, text) JOIN needs n ON n.id = t.id
            ON CONFLICT (need_id) DO UPDATE SET text = excluded.text, version = excluded.version WHERE {condition}
            """, connection);
        write.Parameters.AddWithValue("ids", texts.Select(t => t.Id).ToArray());
        write.Parameters.Add(new NpgsqlParameter("texts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = masked });
        write.Parameters.AddWithValue("version", PersonalDataMask.Version);
        return await write.ExecuteNonQueryAsync(ct);
    }
}
