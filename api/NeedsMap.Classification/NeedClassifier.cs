using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;
using NeedsMap.Classification.Segmentation;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Classification;

/// <summary>
/// Model and lexicon together. The model reads the whole text and generalises to phrasing it has never seen; the lexicon
/// is what the city can correct today without retraining, and it is the whole classifier until a model is trained.
/// Scores are blended: final = (1 - w) * model probability + w * lexicon share, w applying only when a term matched, then
/// calibrated by the model's temperature. A model trained on a city's own labels may predict other codes than the
/// lexicon's leaves: a lexicon category counts for itself when the model knows it, else for its top level when the model
/// knows that (a city trained on top levels), else not at all.
/// Immutable, so safe for concurrent use; to change the lexicon or model build a new instance and swap the reference.
/// </summary>
public sealed class NeedClassifier : INeedClassifier
{
    private readonly KeywordLexicon _lexicon;
    private readonly NeedModel? _model;
    private readonly ClassifierOptions _options;
    private readonly Dictionary<string, string?> _lexiconTargets;

    public NeedClassifier(KeywordLexicon lexicon, NeedModel? model = null, ClassifierOptions? options = null)
    {
        _lexicon = lexicon;
        _model = model;
        _options = options ?? new ClassifierOptions();
        Version = model is null ? lexicon.Version : $"{model.Version}+{lexicon.Version}";
        var labels = model?.Labels.ToHashSet(StringComparer.Ordinal);
        _lexiconTargets = lexicon.Categories.Keys.ToDictionary(
            code => code,
            code => labels is null || labels.Contains(code) ? code : labels.Contains(CategoryCodes.TopLevel(code)) ? CategoryCodes.TopLevel(code) : null,
            StringComparer.Ordinal);
    }

    public string Version { get; }

    public KeywordLexicon Lexicon => _lexicon;

    public NeedModel? Model => _model;

    public Classification Classify(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var matches = Project(_lexicon.Match(normalized));

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

    /// <summary>Every category's blended (and, with a calibrated model, calibrated) score for the text; empty without evidence.</summary>
    public Dictionary<string, double> ScoreAll(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var matches = Project(_lexicon.Match(normalized));
        var probabilities = _model is not null && normalized.Length > 0 ? _model.Predict(normalized) : null;
        return probabilities is null && matches.Count == 0 ? [] : Blend(probabilities, matches);
    }

    /// <summary>Lexicon matches as the model's labels (see the class summary), strongest first.</summary>
    private IReadOnlyList<LexiconMatch> Project(IReadOnlyList<LexiconMatch> matches)
    {
        if (_model is null || matches.All(m => _lexiconTargets.GetValueOrDefault(m.CategoryCode) == m.CategoryCode))
        {
            return matches;
        }

        return matches
            .Select(m => (Target: _lexiconTargets.GetValueOrDefault(m.CategoryCode), Match: m))
            .Where(p => p.Target is not null)
            .GroupBy(p => p.Target!, StringComparer.Ordinal)
            .Select(g => new LexiconMatch(g.Key, g.Sum(p => p.Match.Score), [.. g.SelectMany(p => p.Match.Terms)]))
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.CategoryCode, StringComparer.Ordinal)
            .ToList();
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

        return _model is { Temperature: not 1.0 } ? Calibrate(scores, _model.Temperature) : scores;
    }

    /// <summary>Raises each score to 1 / T and renormalises: temperature scaling of the blend's log-scores.</summary>
    internal static Dictionary<string, double> Calibrate(Dictionary<string, double> scores, double temperature)
    {
        var powered = scores.ToDictionary(kv => kv.Key, kv => Math.Pow(Math.Max(kv.Value, 1e-12), 1 / temperature), StringComparer.Ordinal);
        var sum = powered.Values.Sum();
        foreach (var key in powered.Keys.ToList())
        {
            powered[key] /= sum;
        }

        return powered;
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
            var matches = Project(_lexicon.Match(clause));
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
