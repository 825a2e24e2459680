namespace NeedsMap.Classification;

/// <summary>Assigns a resident's text to a category of the taxonomy. Implementations are safe to call from many threads.</summary>
public interface INeedClassifier
{
    /// <summary>Model version and lexicon version, e.g. "needs-20261127-...+lex-3fa2...".</summary>
    string Version { get; }

    Classification Classify(string text);
}
