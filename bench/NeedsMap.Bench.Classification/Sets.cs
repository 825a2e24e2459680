using NeedsMap.Classification;
using NeedsMap.Classification.Model;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Bench.Classification;

/// <summary>The frozen evaluation sets and the scoring every section of the bench shares.</summary>
internal static class Sets
{
    private static readonly string DataDir = Path.Combine(AppContext.BaseDirectory, "Data");

    /// <summary>Another persona, frozen before round three's training texts and tuning existed: the headline set.</summary>
    public static IReadOnlyList<LabelledText> EvaluationV3 { get; } = Read("evaluation-v3.csv");

    /// <summary>Same author as the round-two training texts, written minutes apart (the old "92.2%").</summary>
    public static IReadOnlyList<LabelledText> EvaluationV2 { get; } = Read("evaluation-v2.csv");

    public static IReadOnlyList<LabelledText> EvaluationV1 { get; } = Read("evaluation.csv");

    public static IReadOnlyList<LabelledText> Read(string name) => LabelledTextCsv.Read(Path.Combine(DataDir, name));

    /// <summary>A text's hotline area (HotlineAreas) for a standard code, else the code's top level.</summary>
    public static string Area(string code) => HotlineAreas.AreaOf(code)?.Code ?? CategoryCodes.TopLevel(code);

    /// <summary>A hash of the text that is the same in every run (string.GetHashCode is not), for a fixed pseudo-random order.</summary>
    public static int Stable(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }

        return hash;
    }

    public static Scores Score(INeedClassifier classifier, IReadOnlyList<LabelledText> texts)
    {
        var predictions = texts.Select(t => (Text: t, Result: classifier.Classify(t.Text))).ToList();
        var scored = predictions.Select(p => new ScoredPrediction(p.Text.Text, p.Text.CategoryCode, p.Result.CategoryCode, p.Result.Confidence)).ToList();
        return new Scores(
            ModelEvaluation.Compute(scored, "frozen set"),
            predictions.Count(p => Area(p.Text.CategoryCode) == Area(p.Result.CategoryCode)) / (double)predictions.Count,
            predictions.Count(p => p.Result.CategoryCode == StandardTaxonomy.Other) / (double)predictions.Count,
            scored);
    }
}

/// <param name="Evaluation">Leaf and top-level accuracy, macro-F1, reliability.</param>
/// <param name="AreaAccuracy">Share whose hotline area is right (HotlineAreas).</param>
/// <param name="OtherShare">Share put in other.general.</param>
internal sealed record Scores(ModelEvaluation Evaluation, double AreaAccuracy, double OtherShare, IReadOnlyList<ScoredPrediction> Predictions);
