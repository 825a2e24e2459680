using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Topics;

/// <summary>
/// The matters a group of texts raises, as phrases a person would put on a key-matters list (打疫苗排队, 工地夜间施工,
/// 预付卡跑路, 焚烧垃圾), not fragments (千块, 很大, 晚上). Each text is cut by jieba with part-of-speech tags; candidates are
/// runs of up to four tokens that <see cref="PhraseRules"/> allow (no numerals, adverbs, pronouns or stop words; no
/// generic word first; a noun or verb last); a phrase of several words must be a collocation at every split (Dunning's
/// G² over the group); near-synonyms and reorderings are merged (synonyms.txt; 焚烧垃圾 = 垃圾焚烧, 晚上施工 = 夜间施工);
/// a sub-phrase mostly said inside a longer one gives way to it, and a topic found almost only in the texts of a
/// higher-ranked topic sharing a word is the same matter said another way. Ranked by texts × IDF.
/// </summary>
public sealed class TopicExtractor
{
    private const char Separator = '\u0001';
    private readonly TopicExtractorOptions _options;
    private readonly ChineseSegmenter _segmenter = ChineseSegmenter.Shared;

    public TopicExtractor(TopicExtractorOptions? options = null) => _options = options ?? new TopicExtractorOptions();

    public IReadOnlyList<Topic> Extract(IEnumerable<string> texts, int count = 10)
    {
        var spans = new Dictionary<string, int>(StringComparer.Ordinal); // every run of tokens, for collocation counts
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        long positions = 0;
        var documents = 0;
        foreach (var text in texts)
        {
            var document = documents++;
            foreach (var run in Runs(TextNormalizer.Normalize(text)))
            {
                positions += run.Count;
                for (var start = 0; start < run.Count; start++)
                {
                    var length = 0;
                    for (var n = 1; n <= _options.MaximumPhraseTokens && start + n <= run.Count; n++)
                    {
                        length += run[start + n - 1].Word.Length;
                        if (length > _options.MaximumPhraseLength)
                        {
                            break;
                        }

                        var tokens = run.GetRange(start, n);
                        var key = Key(tokens.Select(t => t.Word));
                        spans[key] = spans.GetValueOrDefault(key) + 1;
                        if (IsCandidate(tokens))
                        {
                            if (!candidates.TryGetValue(key, out var candidate))
                            {
                                candidates[key] = candidate = new Candidate([.. tokens.Select(t => t.Word)]);
                            }

                            candidate.Occurrences++;
                            candidate.Documents.Add(document);
                        }
                    }
                }
            }
        }

        // Wordings merge before counting texts, so a matter said five ways in six texts counts six; the wording shown
        // (the most frequent) must be a collocation, a rarer variant need not be.
        var minimum = Math.Min(_options.MinimumDocuments, Math.Max(1, documents));
        var topics = Merge([.. candidates.Values])
            .Where(t => t.Documents.Count >= minimum && (t.Words.Length == 1 || IsCollocation(t.Surface, spans, positions)))
            .ToList();
        topics = Absorb(topics);
        return Distinct(topics.OrderByDescending(t => t.Score).ThenBy(t => t.Phrase, StringComparer.Ordinal).ToList())
            .Take(count)
            .Select(t => new Topic(t.Phrase, t.Documents.Count, t.Occurrences, t.Score) { Variants = t.Variants })
            .ToList();
    }

    /// <summary>Topics of each group, e.g. texts grouped by category code or by grid cell.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Topic>> ExtractByGroup(IEnumerable<(string Group, string Text)> texts, int countPerGroup = 10) =>
        texts.GroupBy(t => t.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Extract(g.Select(t => t.Text), countPerGroup), StringComparer.Ordinal);

    private IEnumerable<List<(string Word, string Tag)>> Runs(string normalized)
    {
        var run = new List<(string Word, string Tag)>();
        foreach (var (word, tag) in _segmenter.CutWithTags(normalized))
        {
            if (PhraseRules.IsPhraseToken(word, tag))
            {
                run.Add((word, tag));
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

    private static bool IsCandidate(List<(string Word, string Tag)> tokens)
    {
        if (tokens.Count == 1)
        {
            return PhraseRules.MayStandAlone(tokens[0].Word, tokens[0].Tag);
        }

        return PhraseRules.MayStart(tokens[0].Word, tokens[0].Tag)
            && PhraseRules.MayEnd(tokens[^1].Word, tokens[^1].Tag)
            && tokens.Any(t => PhraseRules.IsContent(t.Word, t.Tag) && !PhraseRules.IsGeneric(t.Word));
    }

    /// <summary>Every way of cutting the phrase in two leaves two parts that stand together more than chance would have them.</summary>
    private bool IsCollocation(string[] words, Dictionary<string, int> spans, long positions)
    {
        var both = spans.GetValueOrDefault(Key(words));
        for (var split = 1; split < words.Length; split++)
        {
            var left = spans.GetValueOrDefault(Key(words[..split]));
            var right = spans.GetValueOrDefault(Key(words[split..]));
            if (Collocation.LogLikelihood(both, left, right, positions) < _options.MinimumCollocation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Candidates with the same characters once near-synonyms are folded, in any order, become one topic, worded as most
    /// often: characters rather than tokens, because jieba may keep 垃圾焚烧 as one word and cut 焚烧垃圾 in two.
    /// </summary>
    private static List<Merged> Merge(List<Candidate> candidates) =>
        candidates
            .GroupBy(c => new string([.. string.Concat(c.Words.Select(PhraseRules.Canonicalize)).Order()]), StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderByDescending(c => c.Documents.Count).ThenByDescending(c => c.Occurrences).ThenBy(c => c.Phrase, StringComparer.Ordinal).ToList();
                var documents = new HashSet<int>(ordered.SelectMany(c => c.Documents));
                var best = ordered[0];
                var idf = InverseDocumentFrequency.Shared;
                var weight = best.Words.Average(idf.Of) * (1 + (0.25 * (best.Words.Length - 1)));
                return new Merged(best.Phrase, best.Words, best.Words.Select(PhraseRules.Canonicalize).ToArray(), documents, g.Sum(c => c.Occurrences),
                    documents.Count * weight, [.. ordered.Skip(1).Select(c => c.Phrase)]);
            })
            .ToList();

    /// <summary>A sub-phrase mostly said inside a longer topic is absorbed by it.</summary>
    private List<Merged> Absorb(List<Merged> topics)
    {
        var absorbed = new HashSet<Merged>();
        foreach (var longer in topics)
        {
            foreach (var shorter in topics)
            {
                if (shorter.Words.Length < longer.Words.Length && Contains(longer.Words, shorter.Words)
                    && longer.Documents.Count >= _options.MergeRatio * shorter.Documents.Count)
                {
                    absorbed.Add(shorter);
                }
            }
        }

        return topics.Where(t => !absorbed.Contains(t)).ToList();
    }

    /// <summary>Best first, skips a topic sharing a word with a kept one and found almost only in its texts.</summary>
    private IEnumerable<Merged> Distinct(List<Merged> ranked)
    {
        var kept = new List<Merged>();
        foreach (var topic in ranked)
        {
            var same = kept.Any(k => k.Words.Intersect(topic.Words, StringComparer.Ordinal).Any(w => !PhraseRules.IsGeneric(w))
                && topic.Documents.Count(k.Documents.Contains) >= (1 - _options.OverlapRatio) * topic.Documents.Count);
            if (!same)
            {
                kept.Add(topic);
                yield return topic;
            }
        }
    }

    private static bool Contains(string[] longer, string[] shorter)
    {
        for (var start = 0; start + shorter.Length <= longer.Length; start++)
        {
            if (longer.AsSpan(start, shorter.Length).SequenceEqual(shorter))
            {
                return true;
            }
        }

        return false;
    }

    private static string Key(IEnumerable<string> words) => string.Join(Separator, words);

    private sealed class Candidate(string[] words)
    {
        public string[] Words { get; } = words;

        public string Phrase { get; } = string.Concat(words);

        public HashSet<int> Documents { get; } = [];

        public int Occurrences { get; set; }
    }

    // Surface: the shown wording's tokens; Words: the same with near-synonyms folded, for containment and overlap.
    private sealed record Merged(string Phrase, string[] Surface, string[] Words, HashSet<int> Documents, int Occurrences, double Score, IReadOnlyList<string> Variants);
}
