using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;

namespace NeedsMap.Classification.Tests.Model;

[Collection(nameof(SmallModelCollection))]
public sealed class NeedModelTests(SmallModelFixture fixture)
{
    private readonly NeedModel _model = fixture.Model;

    [Fact]
    public void Training_reports_a_held_out_evaluation_per_category_and_top_level()
    {
        var evaluation = Assert.IsType<ModelEvaluation>(_model.Evaluation);

        Assert.Equal("test-small", _model.Version);
        Assert.True(evaluation.Count > 0);
        Assert.InRange(evaluation.Accuracy, 0.8, 1.0);
        Assert.InRange(evaluation.TopLevelAccuracy, evaluation.Accuracy, 1.0);
        Assert.InRange(evaluation.MacroF1, 0.7, 1.0);
        Assert.Equal(81, evaluation.PerCategory.Count);
        Assert.Contains("noise", evaluation.PerTopLevel.Keys);
    }

    [Fact]
    public void Model_with_lexicon_beats_the_threshold_on_the_blind_evaluation_set()
    {
        // A small model (30 generated texts per category and the hand-written ones) so the test stays fast; the benchmark
        // measures the shipped one. The floor guards against regressions on the first round's blind set.
        var classifier = new NeedClassifier(KeywordLexicon.Default, _model);

        var scores = ModelEvaluation.Compute(TestData.Evaluation.Select(t => (t.CategoryCode, classifier.Classify(t.Text).CategoryCode)).ToList());

        Assert.True(scores.TopLevelAccuracy >= 0.6, $"top-level accuracy {scores.TopLevelAccuracy:P1}, leaf {scores.Accuracy:P1}");
    }

    [Fact]
    public void The_model_adds_to_the_lexicon_on_the_blind_evaluation_set()
    {
        var withModel = new NeedClassifier(KeywordLexicon.Default, _model);
        var lexiconOnly = new NeedClassifier(KeywordLexicon.Default);

        double TopLevel(INeedClassifier c) => TestData.Evaluation.Count(t => c.Classify(t.Text).TopLevelCode == CategoryCodes.TopLevel(t.CategoryCode)) / (double)TestData.Evaluation.Count;

        Assert.True(TopLevel(withModel) > TopLevel(lexiconOnly));
    }

    [Fact]
    public void Saved_model_loads_back_with_its_version_evaluation_and_identical_scores()
    {
        using var stream = new MemoryStream();
        _model.Save(stream);
        stream.Position = 0;

        var loaded = NeedModel.Load(stream);

        const string text = "小区门口的垃圾桶三天没人清运，臭气熏天";
        Assert.Equal(_model.Version, loaded.Version);
        Assert.Equal(_model.Labels, loaded.Labels);
        Assert.Equal(_model.Evaluation!.Accuracy, loaded.Evaluation!.Accuracy);
        var before = _model.Predict(text);
        var after = loaded.Predict(text);
        Assert.Equal(before.Length, after.Length);
        Assert.All(before.Zip(after), pair => Assert.Equal(pair.First, pair.Second, 5));
    }

    [Fact]
    public void Probabilities_sum_to_one_and_favour_the_right_category()
    {
        var scores = _model.Predict("楼上邻居半夜拖椅子跺脚，吵得睡不着");

        Assert.Equal(1.0, scores.Sum(), 3);
        Assert.StartsWith("noise.", _model.Labels[Array.IndexOf(scores, scores.Max())], StringComparison.Ordinal);
    }
}

public sealed class ShippedModelTests
{
    [Fact]
    public void The_shipped_classifier_is_calibrated_and_holds_its_level_on_the_frozen_evaluation_set()
    {
        // A guard, not the measurement: bench/results/classification.md has the figures, how they were made and what
        // they are worth (one author wrote every set).
        var model = Assert.IsType<NeedModel>(NeedModel.Shipped);
        var classifier = new NeedClassifier(KeywordLexicon.Default, model);

        var scores = ModelEvaluation.Compute(TestData.EvaluationV3.Select(t => (t.CategoryCode, classifier.Classify(t.Text).CategoryCode)).ToList());

        Assert.StartsWith("needs-shipped-", model.Version, StringComparison.Ordinal);
        Assert.Equal(81, model.Labels.Count);
        Assert.Equal(6, model.WordLength);
        Assert.NotEqual(1, model.Temperature);
        Assert.StartsWith("leave-one-voice-out", model.Evaluation!.Method, StringComparison.Ordinal);
        Assert.True(scores.TopLevelAccuracy >= 0.9, $"top-level accuracy {scores.TopLevelAccuracy:P1}, leaf {scores.Accuracy:P1}");
    }

    [Fact]
    public void A_model_saved_to_a_file_reads_back_its_info_without_its_weights()
    {
        var path = Path.Combine(Path.GetTempPath(), $"needs-model-{Guid.NewGuid():N}.zip");
        try
        {
            NeedModel.Shipped!.Save(path);

            var info = NeedModel.ReadInfo(path);

            Assert.Equal(NeedModel.Shipped.Version, info.Version);
            Assert.Equal(NeedModel.Shipped.TrainingCount, info.TrainingCount);
            Assert.Equal(NeedModel.Shipped.Evaluation!.TopLevelAccuracy, info.Evaluation!.TopLevelAccuracy);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
