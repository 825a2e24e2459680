namespace NeedsMap.Classification;

public sealed record ClassifierOptions
{
    /// <summary>
    /// Share of the final score given to the lexicon when it matched anything (the model gets the rest). Leaving
    /// hand-written voices out, 0.15 and 0.3 scored the same (86.7% and 86.6%); 0.3 is kept so that a term a city adds
    /// still overrules an unsure model.
    /// </summary>
    public double LexiconWeight { get; init; } = 0.3;

    /// <summary>Pseudo-score added to the lexicon's total: one weak keyword then yields a weak lexicon opinion, not certainty.</summary>
    public double LexiconPrior { get; init; } = 2.0;

    /// <summary>How many alternatives to return besides the chosen category.</summary>
    public int Alternatives { get; init; } = 3;

    /// <summary>A second issue is the strongest lexicon category of one clause with at least this score...</summary>
    public double SecondaryMinimumClauseScore { get; init; } = 4.0;

    /// <summary>Characters that end a clause for second-issue detection.</summary>
    public string ClauseSeparators { get; init; } = "。！？；!?;\n，,";

    /// <summary>...or this much combined probability.</summary>
    public double SecondaryMinimumProbability { get; init; } = 0.35;

    public int MaximumSecondary { get; init; } = 2;
}
