namespace NeedsMap.Classification.Model;

/// <summary>Precision, recall and F1 of one category; Support is how many evaluated texts truly had it.</summary>
public sealed record CategoryMetrics(string CategoryCode, int Support, double Recall, double Precision, double F1);

/// <summary>How many evaluated texts of <paramref name="Actual"/> were classified as <paramref name="Predicted"/>.</summary>
public sealed record ConfusionCell(string Actual, string Predicted, int Count);

/// <summary>One misclassified text, for a person to read.</summary>
public sealed record ClassificationError(string Text, string Actual, string Predicted, double Confidence);

/// <summary>Texts whose confidence lies in [<paramref name="From"/>, <paramref name="To"/>) and the share of them classified right.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double Accuracy, double MeanConfidence);

/// <summary>One scored prediction: what a person said, what the classifier said, and how sure it was.</summary>
public sealed record ScoredPrediction(string Text, string Actual, string Predicted, double Confidence);

/// <summary>
/// How a model did on texts it was not fitted on: accuracy and macro-F1 at the labels' level and at the top level,
/// per-label precision and recall, the confusion matrix (non-zero cells), the most confident errors, and reliability
/// (accuracy per confidence band: calibrated confidence of 0.7 should be right about 70% of the time).
/// </summary>
public sealed record ModelEvaluation(
    int Count,
    double Accuracy,
    double TopLevelAccuracy,
    double MacroF1,
    IReadOnlyDictionary<string, CategoryMetrics> PerCategory,
    IReadOnlyDictionary<string, CategoryMetrics> PerTopLevel)
{
    public const int ErrorExamples = 30;

    /// <summary>How the texts were held out, e.g. "5-fold cross-validation" or "10% hold-out".</summary>
    public string? Method { get; init; }

    public IReadOnlyList<ConfusionCell> Confusion { get; init; } = [];

    /// <summary>Up to <see cref="ErrorExamples"/> misclassified texts, most confident first: the errors most worth a look.</summary>
    public IReadOnlyList<ClassificationError> Errors { get; init; } = [];

    public IReadOnlyList<ReliabilityBin> Reliability { get; init; } = [];

    /// <summary>Share of texts with confidence of at least 0.5, and the accuracy among them.</summary>
    public double ConfidentShare { get; init; }

    public double ConfidentAccuracy { get; init; }

    /// <summary>Scores predicted codes against true ones, at the labels' level and at top level.</summary>
    public static ModelEvaluation Compute(IReadOnlyList<(string Actual, string Predicted)> pairs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pairs.Count);
        var leaf = Metrics(pairs);
        var top = Metrics(pairs.Select(p => (CategoryCodes.TopLevel(p.Actual), CategoryCodes.TopLevel(p.Predicted))).ToList());
        return new ModelEvaluation(
            pairs.Count,
            pairs.Count(p => p.Actual == p.Predicted) / (double)pairs.Count,
            pairs.Count(p => CategoryCodes.TopLevel(p.Actual) == CategoryCodes.TopLevel(p.Predicted)) / (double)pairs.Count,
            leaf.Values.Average(m => m.F1),
            leaf,
            top);
    }

    /// <summary>The full report over scored predictions: metrics, confusion, errors and reliability.</summary>
    public static ModelEvaluation Compute(IReadOnlyList<ScoredPrediction> predictions, string method)
    {
        var evaluation = Compute(predictions.Select(p => (p.Actual, p.Predicted)).ToList());
        var confident = predictions.Where(p => p.Confidence >= 0.5).ToList();
        return evaluation with
        {
            Method = method,
            Confusion = predictions.GroupBy(p => (p.Actual, p.Predicted))
                .Select(g => new ConfusionCell(g.Key.Actual, g.Key.Predicted, g.Count()))
                .OrderBy(c => c.Actual, StringComparer.Ordinal).ThenBy(c => c.Predicted, StringComparer.Ordinal)
                .ToList(),
            Errors = predictions.Where(p => p.Actual != p.Predicted)
                .OrderByDescending(p => p.Confidence).ThenBy(p => p.Text, StringComparer.Ordinal)
                .Take(ErrorExamples)
                .Select(p => new ClassificationError(p.Text.Length <= 200 ? p.Text : p.Text[..200] + "…", p.Actual, p.Predicted, Math.Round(p.Confidence, 4)))
                .ToList(),
            Reliability = Bins(predictions),
            ConfidentShare = confident.Count / (double)predictions.Count,
            ConfidentAccuracy = confident.Count == 0 ? 0 : confident.Count(p => p.Actual == p.Predicted) / (double)confident.Count,
        };
    }

    private static List<ReliabilityBin> Bins(IReadOnlyList<ScoredPrediction> predictions)
    {
        var bins = new List<ReliabilityBin>();
        for (var b = 0; b < 10; b++)
        {
            var (from, to) = (b / 10.0, b == 9 ? 1.0000001 : (b + 1) / 10.0);
            var inBin = predictions.Where(p => p.Confidence >= from && p.Confidence < to).ToList();
            if (inBin.Count > 0)
            {
                bins.Add(new ReliabilityBin(from, Math.Min(to, 1), inBin.Count,
                    inBin.Count(p => p.Actual == p.Predicted) / (double)inBin.Count, inBin.Average(p => p.Confidence)));
            }
        }

        return bins;
    }

    private static Dictionary<string, CategoryMetrics> Metrics(IReadOnlyList<(string Actual, string Predicted)> pairs)
    {
        var result = new Dictionary<string, CategoryMetrics>(StringComparer.Ordinal);
        foreach (var code in pairs.Select(p => p.Actual).Distinct().Order(StringComparer.Ordinal))
        {
            var support = pairs.Count(p => p.Actual == code);
            var truePositive = pairs.Count(p => p.Actual == code && p.Predicted == code);
            var predicted = pairs.Count(p => p.Predicted == code);
            var recall = truePositive / (double)support;
            var precision = predicted == 0 ? 0 : truePositive / (double)predicted;
            var f1 = recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
            result[code] = new CategoryMetrics(code, support, recall, precision, f1);
        }

        return result;
    }
}
