namespace NeedsMap.Classification.Tests.Model;

/// <summary>
/// Finds the texts of a corpus that share more than <see cref="NearCopy"/> of their character bigrams (Jaccard) with a given
/// text. Each corpus text is filed under each of its bigrams, so a text is compared only with those it shares a bigram with
/// (a pair sharing none overlaps 0) and the shared counts come from the postings: the same overlaps as comparing every pair,
/// in a fraction of the time.
/// </summary>
internal sealed class NearCopyFinder
{
    // Two texts sharing more than this share of their character bigrams are near copies (a changed name or number).
    public const double NearCopy = 0.6;

    private readonly int[] _sizes;
    private readonly Dictionary<int, List<int>> _postings = [];

    public NearCopyFinder(IReadOnlyList<string> texts)
    {
        Texts = texts;
        _sizes = new int[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var bigrams = Bigrams(texts[i]);
            _sizes[i] = bigrams.Count;
            foreach (var bigram in bigrams)
            {
                if (!_postings.TryGetValue(bigram, out var holders))
                {
                    _postings[bigram] = holders = [];
                }
                holders.Add(i);
            }
        }
    }

    public IReadOnlyList<string> Texts { get; }

    /// <summary>Each near copy of <paramref name="text"/> in the corpus, as "overlap: text ~ corpus text".</summary>
    public IEnumerable<string> NearCopiesOf(string text)
    {
        var bigrams = Bigrams(text);
        var shared = new Dictionary<int, int>();
        foreach (var bigram in bigrams)
        {
            if (_postings.TryGetValue(bigram, out var holders))
            {
                foreach (var i in holders)
                {
                    shared[i] = shared.GetValueOrDefault(i) + 1;
                }
            }
        }
        foreach (var (i, count) in shared)
        {
            var overlap = count / (double)(bigrams.Count + _sizes[i] - count);
            if (overlap > NearCopy)
            {
                yield return $"{overlap:F2}: {text} ~ {Texts[i]}";
            }
        }
    }

    private static HashSet<int> Bigrams(string text)
    {
        var set = new HashSet<int>();
        for (var i = 0; i + 1 < text.Length; i++)
        {
            set.Add((text[i] << 16) | text[i + 1]);
        }

        return set;
    }
}
