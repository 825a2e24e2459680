using System.Reflection;
using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Topics;

/// <summary>
/// Frequent phrases of a group of texts (say, this week's vaccination complaints in one district). Candidates are runs of
/// up to three adjacent content tokens, never crossing punctuation or a stop word; they are ranked by how many texts
/// contain them times their IDF, and a sub-phrase that nearly always appears inside a longer phrase gives way to it.
/// </summary>
public sealed class TopicExtractor
{
    private static readonly Lazy<HashSet<string>> StopWords = new(LoadStopWords);
    private readonly TopicExtractorOptions _options;
    private readonly ChineseSegmenter _segmenter = ChineseSegmenter.Shared;

    public TopicExtractor(TopicExtractorOptions? options = null) => _options = options ?? new TopicExtractorOptions();

    public IReadOnlyList<Topic> Extract(IEnumerable<string> texts, int count = 10)
    {
        var documentCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var parts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var documents = 0;
        foreach (var text in texts)
        {
            documents++;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var run in ContentRuns(TextNormalizer.Normalize(text)))
            {
                foreach (var (phrase, tokens) in Phrases(run))
                {
                    occurrences[phrase] = occurrences.GetValueOrDefault(phrase) + 1;
                    parts.TryAdd(phrase, tokens);
                    if (seen.Add(phrase))
                    {
                        documentCounts[phrase] = documentCounts.GetValueOrDefault(phrase) + 1;
                    }
                }
            }
        }

        var minimum = Math.Min(_options.MinimumDocuments, Math.Max(1, documents));
        var candidates = documentCounts.Where(kv => kv.Value >= minimum).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var absorbed = Absorbed(candidates, parts);
        var idf = InverseDocumentFrequency.Shared;

        return candidates
            .Where(kv => !absorbed.Contains(kv.Key))
            .Select(kv =>
            {
                var tokens = parts[kv.Key];
                var weight = tokens.Average(idf.Of) * (1 + (0.25 * (tokens.Length - 1)));
                return new Topic(kv.Key, kv.Value, occurrences[kv.Key], kv.Value * weight);
            })
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Phrase, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    /// <summary>Topics of each group, e.g. texts grouped by category code or by grid cell.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Topic>> ExtractByGroup(IEnumerable<(string Group, string Text)> texts, int countPerGroup = 10) =>
        texts.GroupBy(t => t.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Extract(g.Select(t => t.Text), countPerGroup), StringComparer.Ordinal);

    private HashSet<string> Absorbed(Dictionary<string, int> candidates, Dictionary<string, string[]> parts)
    {
        var absorbed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (phrase, documents) in candidates)
        {
            var tokens = parts[phrase];
            for (var length = 1; length < tokens.Length; length++)
            {
                for (var start = 0; start + length <= tokens.Length; start++)
                {
                    var sub = string.Concat(tokens.AsSpan(start, length).ToArray());
                    if (candidates.TryGetValue(sub, out var subDocuments) && documents >= _options.MergeRatio * subDocuments)
                    {
                        absorbed.Add(sub);
                    }
                }
            }
        }

        return absorbed;
    }

    private IEnumerable<List<string>> ContentRuns(string normalized)
    {
        var run = new List<string>();
        foreach (var token in _segmenter.CutAll(normalized))
        {
            if (IsTopicToken(token))
            {
                run.Add(token);
                continue;
            }

            if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private IEnumerable<(string Phrase, string[] Tokens)> Phrases(List<string> run)
    {
        for (var start = 0; start < run.Count; start++)
        {
            var length = 0;
            for (var n = 1; n <= _options.MaximumPhraseTokens && start + n <= run.Count; n++)
            {
                length += run[start + n - 1].Length;
                if (length > _options.MaximumPhraseLength)
                {
                    break;
                }

                // A lone character says too little to be a topic; inside a longer phrase it may belong ("打" in "打疫苗").
                if (n == 1 && length < 2)
                {
                    continue;
                }

                var tokens = run.GetRange(start, n).ToArray();
                yield return (string.Concat(tokens), tokens);
            }
        }
    }

    private static bool IsTopicToken(string token) =>
        TextNormalizer.IsContentToken(token) && !StopWords.Value.Contains(token);

    private static HashSet<string> LoadStopWords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NeedsMap.Classification.stopwords.txt")
            ?? throw new InvalidOperationException("Embedded stop words missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
            }
        }

        return words;
    }
}
