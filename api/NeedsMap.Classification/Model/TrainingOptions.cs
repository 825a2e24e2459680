namespace NeedsMap.Classification.Model;

public sealed record TrainingOptions
{
    /// <summary>Share of each category held out for <see cref="NeedModel.Evaluation"/>; 0 trains on everything and evaluates nothing.</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>After evaluating on the hold-out, fit again on all texts so the shipped model has seen everything.</summary>
    public bool RefitOnAllData { get; init; }

    public int Seed { get; init; } = 20261127;

    /// <summary>
    /// Character n-grams of length 1..n (at most 3); see <see cref="Features.CharNgrams"/>. Bigrams by default: longer
    /// n-grams learnt the generated corpus's fixed phrases; the dictionary words below carry the longer units.
    /// </summary>
    public int NgramLength { get; init; } = 2;

    /// <summary>
    /// jieba dictionary words of 3..n characters found in the text (full mode) are features too; 0 turns them off.
    /// See <see cref="Features.WordKeys"/>.
    /// </summary>
    public int WordLength { get; init; } = 6;

    /// <summary>Weigh each feature by its inverse document frequency in the training texts.</summary>
    public bool UseIdf { get; init; } = true;

    /// <summary>A feature is kept only when this many training texts contain it: rarer ones are mostly noise.</summary>
    public int MinimumDocumentFrequency { get; init; } = 2;

    /// <summary>L-BFGS iterations (ML.NET's maximum entropy trainer).</summary>
    public int MaximumIterations { get; init; } = 60;

    /// <summary>ML.NET's L2 weight (summed, not averaged, over texts); 0.01 and 0.03 beat 0.1 leaving hand-written voices out (`-- tune`; 86.7%, 86.5%, 86.1% leaf).</summary>
    public float L2Regularization { get; init; } = 0.01f;

    /// <summary>Defaults to "needs-" + a timestamp and a hash of the training labels.</summary>
    public string? Version { get; init; }
}
