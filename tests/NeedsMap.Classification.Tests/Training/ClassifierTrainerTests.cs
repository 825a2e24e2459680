using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;
using NeedsMap.Classification.Training;

namespace NeedsMap.Classification.Tests.Training;

public sealed class ClassifierTrainerTests
{
    private static readonly string[] Leaves = ["noise.construction", "noise.square_dance", "traffic.parking", "utilities.streetlight", "housing.purchase", "civil.assistance"];

    /// <summary>Hand-written texts of six leaves in three voices: a small city's labelled history.</summary>
    private static List<LabelledText> History() =>
        new[] { "handwritten", "hotline", "colloquial", "letters" }.SelectMany(TrainingCorpus.Voice).Where(t => Leaves.Contains(t.CategoryCode)).ToList();

    private static readonly TrainingOptions Quick = new() { HoldOutFraction = 0, MaximumIterations = 20 };

    [Fact]
    public void K_fold_evaluates_every_own_text_once_with_a_full_report_and_never_the_mixed_in_corpus()
    {
        var history = History();
        var mixed = TrainingCorpus.Voice("generated").Where(t => Leaves.Contains(t.CategoryCode)).Take(60).ToList();

        var result = ClassifierTrainer.Train(new ClassifierTrainingRequest { Texts = history, AlwaysTrain = mixed, Folds = 3, Options = Quick, Version = "test-kfold" });

        var e = Assert.IsType<ModelEvaluation>(result.Model.Evaluation);
        Assert.Equal(history.Count, e.Count);
        Assert.Equal(history.Count, result.OutOfFold.Count);
        Assert.Equal(history.Select(t => t.Text).Order(), result.OutOfFold.Select(p => p.Text).Order());
        Assert.Equal("3-fold cross-validation", e.Method);
        Assert.Equal(history.Count, e.Confusion.Sum(c => c.Count));
        Assert.Equal(history.Count, e.Reliability.Sum(b => b.Count));
        Assert.Equal(Leaves.Order(StringComparer.Ordinal), e.PerCategory.Keys);
        Assert.All(e.Errors, err => Assert.NotEqual(err.Actual, err.Predicted));
        Assert.Equal(history.Count + mixed.Count, result.Model.TrainingCount);
        Assert.InRange(e.Accuracy, 0.6, 1.0);
        Assert.InRange(result.Model.Temperature, 0.05, 20);
        Assert.Equal("test-kfold", result.Model.Version);
    }

    [Fact]
    public void Labels_at_two_levels_train_as_the_upper_one_and_the_lexicon_counts_for_top_levels()
    {
        // A city that labels most noise texts "noise" and some "noise.construction": one class, "noise".
        var history = History().Select((t, i) => t.CategoryCode.StartsWith("noise.", StringComparison.Ordinal) && i % 3 != 0 ? t with { CategoryCode = "noise" } : t).ToList();

        var result = ClassifierTrainer.Train(new ClassifierTrainingRequest { Texts = history, Folds = 0, Options = Quick });

        Assert.Contains("noise", result.Model.Labels);
        Assert.DoesNotContain(result.Model.Labels, l => l.StartsWith("noise.", StringComparison.Ordinal));
        Assert.Contains(result.LabelMoves, m => m.To == "noise" && m.From is "noise.construction" or "noise.square_dance");
        Assert.Null(result.Model.Evaluation);

        var classifier = new NeedClassifier(KeywordLexicon.Default, result.Model);
        var c = classifier.Classify("楼下大妈跳广场舞，音箱开得震天响");
        Assert.Equal("noise", c.CategoryCode);
        Assert.All(classifier.ScoreAll("楼下大妈跳广场舞，音箱开得震天响").Keys, code => Assert.Contains(code, result.Model.Labels));
    }

    [Fact]
    public void The_same_folds_given_twice_give_the_same_report()
    {
        var history = History();
        var folds = Folds.Stratified(history.Select(t => t.CategoryCode).ToList(), 2, 7);

        var first = ClassifierTrainer.Train(new ClassifierTrainingRequest { Texts = history, FoldOf = folds, Options = Quick, Calibrate = false });
        var second = ClassifierTrainer.Train(new ClassifierTrainingRequest { Texts = history, FoldOf = folds, Options = Quick, Calibrate = false });

        Assert.Equal(first.OutOfFold.Select(p => p.Predicted), second.OutOfFold.Select(p => p.Predicted));
        Assert.Equal(1, first.Model.Temperature);
    }
}

public sealed class FoldsAndLevelsTests
{
    [Fact]
    public void Stratified_folds_spread_every_label_evenly()
    {
        var labels = Enumerable.Range(0, 50).Select(i => i < 30 ? "a" : i < 45 ? "b" : "c").ToList();

        var folds = Folds.Stratified(labels, 5, 1);

        foreach (var label in labels.Distinct())
        {
            var counts = Enumerable.Range(0, 5).Select(f => labels.Where((l, i) => l == label && folds[i] == f).Count()).ToList();
            Assert.True(counts.Max() - counts.Min() <= 1, $"{label}: {string.Join(",", counts)}");
        }
    }

    [Fact]
    public void A_label_trains_as_its_coarsest_ancestor_in_the_set()
    {
        var collapse = LabelLevels.Collapse(["c1a2b3", "c1a2b3.d4e5f6", "c1a2b3.d4e5f6.a1b2c3", "noise.construction", "other"]);

        Assert.Equal("c1a2b3", collapse("c1a2b3.d4e5f6.a1b2c3"));
        Assert.Equal("c1a2b3", collapse("c1a2b3.d4e5f6"));
        Assert.Equal("noise.construction", collapse("noise.construction"));
        Assert.Equal(["noise.construction", "noise"], LabelLevels.Ancestors("noise.construction"));
    }

    [Fact]
    public void Temperature_sharpens_underconfident_scores_and_softens_overconfident_ones()
    {
        // Always right but only 0.4 sure: T < 1. Right half the time but 0.95 sure: T > 1.
        var timid = Enumerable.Range(0, 40).Select(_ => ("a", (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["a"] = 0.4, ["b"] = 0.3, ["c"] = 0.3 })).ToList();
        var bold = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? "a" : "b", (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["a"] = 0.95, ["b"] = 0.05 })).ToList();

        Assert.InRange(Calibration.FitTemperature(timid), 0.05, 0.5);
        Assert.InRange(Calibration.FitTemperature(bold), 1.5, 20);
    }
}
