namespace NeedsMap.Classification.Topics;

/// <param name="Phrase">Adjacent jieba tokens joined without spaces, as residents write them, e.g. "打疫苗排队".</param>
/// <param name="DocumentCount">How many texts of the group contain it or one of its variants.</param>
/// <param name="Occurrences">How often it and its variants occur in all texts of the group.</param>
/// <param name="Score">Document count times inverse document frequency, for ranking.</param>
public sealed record Topic(string Phrase, int DocumentCount, int Occurrences, double Score)
{
    /// <summary>Other wordings merged into this topic (near-synonyms, another word order), most frequent first.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];
}

public sealed record TopicExtractorOptions
{
    /// <summary>A phrase merges at most this many adjacent tokens.</summary>
    public int MaximumPhraseTokens { get; init; } = 4;

    public int MaximumPhraseLength { get; init; } = 10;

    /// <summary>A topic must occur in at least this many texts of the group (never more than the group has).</summary>
    public int MinimumDocuments { get; init; } = 2;

    /// <summary>
    /// A shorter phrase is absorbed into a longer one containing it when the longer one occurs in at least this share of
    /// the shorter one's texts: "打疫苗" disappears into "打疫苗排队" when most texts say the whole thing.
    /// </summary>
    public double MergeRatio { get; init; } = 0.6;

    /// <summary>
    /// A topic sharing a word with a higher-ranked one and found in no more than this share of texts outside it is the
    /// same matter said another way ("商家跑路" beside "预付卡跑路"), and is dropped.
    /// </summary>
    public double OverlapRatio { get; init; } = 0.2;

    /// <summary>Every split of a multi-word phrase must be a collocation at least this strong (Dunning's G²).</summary>
    public double MinimumCollocation { get; init; } = Collocation.Threshold;
}
