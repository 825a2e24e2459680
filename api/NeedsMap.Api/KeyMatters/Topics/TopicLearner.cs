using NeedsMap.Api.Reference;
using NeedsMap.Classification.Topics;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.KeyMatters.Topics;

/// <summary>
/// Learns each category's topics from its most recent texts across the city with <see cref="TopicExtractor"/>
/// (phrases ranked by document count × IDF, sub-phrases absorbed into longer ones: 打疫苗排队 rather than 打疫苗),
/// and replaces the stored vocabulary. Runs inside the caller's transaction (the key-matter rebuild).
/// </summary>
public sealed class TopicLearner(ReferenceData reference)
{
    public const int TextsPerCategory = 2_000;
    public const int TopicsPerCategory = 12;

    /// <summary>A phrase must be in at least this many texts to become a topic.</summary>
    public const int MinimumDocuments = 3;

    public async Task<int> LearnAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("""
            SELECT category_code, text FROM (
              SELECT category_code, text, row_number() OVER (PARTITION BY category_code ORDER BY received_at DESC, id DESC) AS k FROM needs) t
            WHERE k <= @per
            """, connection))
        {
            read.CommandTimeout = 0;
            read.Parameters.AddWithValue("per", TextsPerCategory);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var code = reader.GetString(0);
                if (!texts.TryGetValue(code, out var list))
                {
                    texts[code] = list = [];
                }
                list.Add(reader.GetString(1));
            }
        }
        var extractor = new TopicExtractor(new TopicExtractorOptions { MinimumDocuments = MinimumDocuments });
        var learned = texts.AsParallel()
            .SelectMany(kv => extractor.Extract(kv.Value, TopicsPerCategory)
                .Where(t => t.DocumentCount >= MinimumDocuments && t.Phrase.Length is >= 2 and <= 32 && !IsCategoryName(kv.Key, t.Phrase))
                .Select(t => (Category: kv.Key, t.Phrase, t.DocumentCount, t.Score)))
            .ToList();
        await using var write = new NpgsqlCommand("""
            DELETE FROM topic_terms;
            INSERT INTO topic_terms (category_code, phrase, documents, score, learned_at)
            SELECT * FROM unnest(@cats, @phrases, @docs, @scores, array_fill(@now::timestamptz, ARRAY[cardinality(@cats)]))
            """, connection);
        write.Parameters.Add(new NpgsqlParameter("cats", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = learned.Select(l => l.Category).ToArray() });
        write.Parameters.Add(new NpgsqlParameter("phrases", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = learned.Select(l => l.Phrase).ToArray() });
        write.Parameters.Add(new NpgsqlParameter("docs", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = learned.Select(l => l.DocumentCount).ToArray() });
        write.Parameters.Add(new NpgsqlParameter("scores", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = learned.Select(l => Math.Round(l.Score, 6)).ToArray() });
        write.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime });
        await write.ExecuteNonQueryAsync(cancellationToken);
        return learned.Count;
    }

    // The category's own name says nothing the category does not already say.
    private bool IsCategoryName(string code, string phrase) => reference.Current.FindCategory(code)?.Name == phrase;
}
