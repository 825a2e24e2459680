using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;
using NeedsMap.Classification.Segmentation;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Classification;

/// <summary>
/// Model and lexicon together. The model reads the whole text and generalises to phrasing it has never seen; the lexicon
/// is what the city can correct today without retraining, and it is the whole classifier until a model is trained.
/// Scores are blended: final = (1 - w) * model probability + w * lexicon share, w applying only when a term matched.
/// Immutable, so safe for concurrent use; to change the lexicon or model build a new instance and swap the reference.
/// </summary>
public sealed class NeedClassifier : INeedClassifier
{
    private readonly KeywordLexicon _lexicon;
    private readonly NeedModel? _model;
    private readonly ClassifierOptions _options;

    public NeedClassifier(KeywordLexicon lexicon, NeedModel? model = null, ClassifierOptions? options = null)
    {
        _lexicon = lexicon;
        _model = model;
        _options = options ?? new ClassifierOptions();
        Version = model is null ? lexicon.Version : $"{model.Version}+{lexicon.Version}";
    }

    public string Version { get; }

    public KeywordLexicon Lexicon => _lexicon;

    public NeedModel? Model => _model;

    public Classification Classify(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var matches = _lexicon.Match(normalized);

        float[]? probabilities = null;
        if (_model is not null && normalized.Length > 0)
        {
            probabilities = _model.Predict(normalized);
        }

        if (probabilities is null && matches.Count == 0)
        {
            return new Classification(StandardTaxonomy.Other, 0, [], [], Version, ClassificationMethod.Default);
        }

        var scores = Blend(probabilities, matches);
        var ranked = scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var (best, confidence) = (ranked[0].Key, ranked[0].Value);

        var modelTop = probabilities is null ? null : _model!.Labels[NeedModelTrainer.ArgMax(probabilities)];
        var lexiconTop = matches.Count == 0 ? null : matches[0].CategoryCode;
        var method = (best == modelTop, best == lexiconTop) switch
        {
            (true, false) => ClassificationMethod.Model,
            (false, true) => ClassificationMethod.Lexicon,
            _ => ClassificationMethod.Ensemble,
        };

        var alternatives = ranked.Skip(1).Take(_options.Alternatives).Select(kv => new CategoryScore(kv.Key, kv.Value)).ToList();
        return new Classification(best, confidence, alternatives, Secondary(best, normalized, scores), Version, method);
    }

    private Dictionary<string, double> Blend(float[]? probabilities, IReadOnlyList<LexiconMatch> matches)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var lexiconWeight = probabilities is null ? 1.0 : matches.Count == 0 ? 0.0 : _options.LexiconWeight;
        if (probabilities is not null)
        {
            var labels = _model!.Labels;
            for (var i = 0; i < labels.Count; i++)
            {
                scores[labels[i]] = (1 - lexiconWeight) * probabilities[i];
            }
        }

        if (matches.Count > 0)
        {
            var total = matches.Sum(m => m.Score) + (probabilities is null ? 0 : _options.LexiconPrior);
            foreach (var match in matches)
            {
                scores[match.CategoryCode] = scores.GetValueOrDefault(match.CategoryCode) + lexiconWeight * match.Score / total;
            }
        }

        return scores;
    }

    /// <summary>
    /// A second issue is a category that some clause of the text is clearly about (its strongest lexicon category, with
    /// at least <see cref="ClassifierOptions.SecondaryMinimumClauseScore"/>), or that the blend rates highly on its own.
    /// Clause-level evidence keeps a passing detail ("孩子要上学") from counting as an issue.
    /// </summary>
    private List<CategoryScore> Secondary(string primary, string normalized, Dictionary<string, double> scores)
    {
        var candidates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var clause in Clauses(normalized))
        {
            var matches = _lexicon.Match(clause);
            if (matches.Count > 0 && matches[0].Score >= _options.SecondaryMinimumClauseScore)
            {
                candidates.TryAdd(matches[0].CategoryCode, scores.GetValueOrDefault(matches[0].CategoryCode));
            }
        }

        foreach (var (code, score) in scores)
        {
            if (score >= _options.SecondaryMinimumProbability)
            {
                candidates.TryAdd(code, score);
            }
        }

        return candidates
            .Where(kv => kv.Key != primary && kv.Key != StandardTaxonomy.Other)
            .OrderByDescending(kv => kv.Value)
            .Take(_options.MaximumSecondary)
            .Select(kv => new CategoryScore(kv.Key, kv.Value))
            .ToList();
    }

    private IEnumerable<string> Clauses(string normalized)
    {
        var start = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            if (_options.ClauseSeparators.Contains(normalized[i], StringComparison.Ordinal))
            {
                if (i > start)
                {
                    yield return normalized[start..i];
                }

                start = i + 1;
            }
        }

        if (start < normalized.Length)
        {
            yield return normalized[start..];
        }
    }
}
