namespace NeedsMap.Classification.Model;

public sealed record TrainingOptions
{
    /// <summary>Share of each category held out for <see cref="NeedModel.Evaluation"/>; 0 trains on everything and evaluates nothing.</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>After evaluating on the hold-out, fit again on all texts so the shipped model has seen everything.</summary>
    public bool RefitOnAllData { get; init; }

    public int Seed { get; init; } = 20261127;

    /// <summary>
    /// Character n-grams of length 1..n (at most 4); see <see cref="CharNgrams"/>. Bigrams by default: on the development
    /// set trigrams and 4-grams learnt the generated corpus's fixed phrases and generalised worse to hand-written texts.
    /// </summary>
    public int NgramLength { get; init; } = 2;

    /// <summary>An n-gram becomes a feature only when this many training texts contain it: rarer ones are mostly noise.</summary>
    public int MinimumDocumentFrequency { get; init; } = 2;

    /// <summary>L-BFGS iterations (ML.NET's maximum entropy trainer); 40 scored as well as 100 on the development set, in a third of the time.</summary>
    public int MaximumIterations { get; init; } = 40;

    /// <summary>ML.NET's L2 weight (summed, not averaged, over texts). 0.1 beat 1 (its default) and 0.03 on the development set.</summary>
    public float L2Regularization { get; init; } = 0.1f;

    /// <summary>Defaults to "needs-" + a timestamp and a hash of the training labels.</summary>
    public string? Version { get; init; }
}
