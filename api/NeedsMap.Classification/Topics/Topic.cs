namespace NeedsMap.Classification.Topics;

/// <param name="Phrase">One or more adjacent jieba tokens joined without spaces, e.g. "打疫苗排队".</param>
/// <param name="DocumentCount">How many texts of the group contain it.</param>
/// <param name="Occurrences">How often it occurs in all texts of the group.</param>
/// <param name="Score">Document count times inverse document frequency, for ranking.</param>
public sealed record Topic(string Phrase, int DocumentCount, int Occurrences, double Score);

public sealed record TopicExtractorOptions
{
    /// <summary>A phrase merges at most this many adjacent tokens.</summary>
    public int MaximumPhraseTokens { get; init; } = 3;

    public int MaximumPhraseLength { get; init; } = 10;

    /// <summary>A topic must occur in at least this many texts of the group (never more than the group has).</summary>
    public int MinimumDocuments { get; init; } = 2;

    /// <summary>
    /// A shorter phrase is absorbed into a longer one containing it when the longer one occurs in at least this share of
    /// the shorter one's texts: "打疫苗" disappears into "打疫苗排队" when most texts say the whole thing.
    /// </summary>
    public double MergeRatio { get; init; } = 0.6;
}
