namespace NeedsMap.Classification;

/// <summary>Which evidence chose <see cref="Classification.CategoryCode"/>.</summary>
public enum ClassificationMethod
{
    /// <summary>The model's top category won and the lexicon had nothing or something else to say.</summary>
    Model,

    /// <summary>The lexicon's top category won: there is no model, or the lexicon overruled an unsure model.</summary>
    Lexicon,

    /// <summary>Model and lexicon agreed on the top category, or neither ranked it first and only their blend did.</summary>
    Ensemble,

    /// <summary>No evidence at all: <see cref="NeedsMap.Sdk.Categories.StandardTaxonomy.Other"/> with confidence 0.</summary>
    Default,
}

public sealed record CategoryScore(string CategoryCode, double Score);

/// <param name="CategoryCode">The chosen leaf code.</param>
/// <param name="Confidence">0..1; the combined probability of the chosen code.</param>
/// <param name="Alternatives">The next most likely codes, best first, excluding the chosen one.</param>
/// <param name="Secondary">Other issues the same text clearly raises (a multi-issue complaint), best first.</param>
/// <param name="ClassifierVersion">Model and lexicon versions that produced this result.</param>
/// <param name="Method">Which evidence chose the category.</param>
public sealed record Classification(
    string CategoryCode,
    double Confidence,
    IReadOnlyList<CategoryScore> Alternatives,
    IReadOnlyList<CategoryScore> Secondary,
    string ClassifierVersion,
    ClassificationMethod Method)
{
    public string TopLevelCode => Model.CategoryCodes.TopLevel(CategoryCode);
}
