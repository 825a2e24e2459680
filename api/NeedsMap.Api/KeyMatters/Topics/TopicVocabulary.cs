using System.Collections.Frozen;
using NeedsMap.Classification.Segmentation;
using Npgsql;

namespace NeedsMap.Api.KeyMatters.Topics;

/// <summary>
/// The learned topic phrases per category, held in memory: tagging a need is a few substring tests on its
/// normalized text, cheap enough for every need as its change is counted (no segmentation there).
/// </summary>
public sealed class TopicVocabulary(NpgsqlDataSource dataSource)
{
    /// <summary>A need carries at most this many topics: its strongest ones.</summary>
    public const int MaxTopicsPerNeed = 3;

    private volatile FrozenDictionary<string, TopicTerm[]> _terms = FrozenDictionary<string, TopicTerm[]>.Empty;

    public int Count => _terms.Values.Sum(t => t.Length);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ReloadAsync(connection, cancellationToken);
    }

    /// <summary>Reads the vocabulary on the caller's connection, so a rebuild tags with what it has just learned, before it commits.</summary>
    public async Task ReloadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var terms = new List<TopicTerm>();
        await using (var command = new NpgsqlCommand("SELECT category_code, phrase, documents, score, learned_at FROM topic_terms", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                terms.Add(new TopicTerm
                {
                    CategoryCode = reader.GetString(0),
                    Phrase = reader.GetString(1),
                    Documents = reader.GetInt32(2),
                    Score = reader.GetDouble(3),
                    LearnedAt = reader.GetFieldValue<DateTimeOffset>(4),
                });
            }
        }
        _terms = terms.GroupBy(t => t.CategoryCode, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(t => t.Score).ThenBy(t => t.Phrase, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The category's learned phrases found in the text, strongest first; a phrase inside a longer one found too gives way to it.</summary>
    public string[] Tag(string categoryCode, string text)
    {
        if (!_terms.TryGetValue(categoryCode, out var terms))
        {
            return [];
        }
        var normalized = TextNormalizer.Normalize(text);
        var found = terms.Where(t => normalized.Contains(t.Phrase, StringComparison.Ordinal)).Select(t => t.Phrase).ToList();
        return found.Where(p => !found.Any(q => q.Length > p.Length && q.Contains(p, StringComparison.Ordinal)))
            .Take(MaxTopicsPerNeed).ToArray();
    }
}
