using NeedsMap.Api.Common.Telemetry;
using NeedsMap.Api.Needs.Ingestion;

namespace NeedsMap.Api.Classification;

/// <summary>
/// Classifies the text of a need whose channel sent no category with the classifier in use (<see cref="ActiveClassifier"/>), for Needs' ingestion (<see cref="ITextCategorizer"/>):
/// the city's lexicon and the active trained model, or the shipped one.
/// </summary>
public sealed class ClassifierCategorizer(ActiveClassifier classifier) : ITextCategorizer
{
    public CategorySuggestion Suggest(string text)
    {
        var result = classifier.Current.Classify(text);
        NeedsMapMetrics.Classified(result.Confidence);
        return new CategorySuggestion(result.CategoryCode, result.Confidence, result.ClassifierVersion);
    }
}
