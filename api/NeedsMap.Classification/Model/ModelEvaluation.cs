namespace NeedsMap.Classification.Model;

/// <summary>Precision, recall and F1 of one category; Support is how many evaluated texts truly had it.</summary>
public sealed record CategoryMetrics(string CategoryCode, int Support, double Recall, double Precision, double F1);

public sealed record ModelEvaluation(
    int Count,
    double Accuracy,
    double TopLevelAccuracy,
    double MacroF1,
    IReadOnlyDictionary<string, CategoryMetrics> PerCategory,
    IReadOnlyDictionary<string, CategoryMetrics> PerTopLevel)
{
    /// <summary>Scores predicted codes against true ones, at leaf and at top level.</summary>
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
