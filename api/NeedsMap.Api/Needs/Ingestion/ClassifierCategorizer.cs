using NeedsMap.Classification;
using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>
/// Classifies the text of a need whose channel sent no category: the city's keyword lexicon, blended with a
/// trained model when <c>NeedsMap:Classifier:ModelPath</c> names one. Built on first use, since loading jieba's
/// dictionaries takes a moment that channels which send categories never need to pay.
/// </summary>
public sealed class ClassifierCategorizer(IConfiguration configuration, IHostEnvironment environment) : ITextCategorizer
{
    private readonly Lazy<INeedClassifier> _classifier = new(() =>
    {
        var lexiconPath = configuration["NeedsMap:Classifier:LexiconPath"];
        var lexicon = lexiconPath is null ? KeywordLexicon.Default : KeywordLexicon.Load(Path.Combine(environment.ContentRootPath, lexiconPath));
        var modelPath = configuration["NeedsMap:Classifier:ModelPath"];
        var model = modelPath is null ? null : NeedModel.Load(Path.Combine(environment.ContentRootPath, modelPath));
        return new NeedClassifier(lexicon, model);
    });

    public CategorySuggestion Suggest(string text)
    {
        var result = _classifier.Value.Classify(text);
        return new CategorySuggestion(result.CategoryCode, result.Confidence, result.ClassifierVersion);
    }
}
