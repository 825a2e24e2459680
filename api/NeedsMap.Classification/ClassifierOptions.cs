namespace NeedsMap.Classification;

public sealed record ClassifierOptions
{
    /// <summary>Share of the final score given to the lexicon when it matched anything (the model gets the rest).</summary>
    public double LexiconWeight { get; init; } = 0.3;

    /// <summary>Pseudo-score added to the lexicon's total: one weak keyword then yields a weak lexicon opinion, not certainty.</summary>
    public double LexiconPrior { get; init; } = 2.0;

    /// <summary>How many alternatives to return besides the chosen category.</summary>
    public int Alternatives { get; init; } = 3;

    /// <summary>A second issue needs at least this lexicon score of its own (one decisive term, or several hints)...</summary>
    public double SecondaryMinimumLexiconScore { get; init; } = 4.0;

    /// <summary>...or this much combined probability.</summary>
    public double SecondaryMinimumProbability { get; init; } = 0.25;

    public int MaximumSecondary { get; init; } = 2;
}
