using NeedsMap.Classification.Model;

namespace NeedsMap.Classification.Tests.Model;

/// <summary>
/// The evaluation sets are only worth something if nothing trained on them: no text of theirs, nor a near copy, is in
/// the shipped training corpus (see Data/README.md for how each set was written).
/// </summary>
public sealed class EvaluationFairnessTests
{
    [Fact]
    public void No_evaluation_text_is_in_the_shipped_training_corpus()
    {
        var training = TrainingCorpus.Shipped(generatedPerCategory: int.MaxValue).Select(t => t.Text).ToHashSet();

        Assert.DoesNotContain(TestData.EvaluationV3, t => training.Contains(t.Text));
        Assert.DoesNotContain(TestData.EvaluationV2, t => training.Contains(t.Text));
        Assert.DoesNotContain(TestData.Evaluation, t => training.Contains(t.Text));
        Assert.Empty(TestData.EvaluationV2.Select(t => t.Text).Intersect(TestData.Evaluation.Select(t => t.Text)));
    }

    [Fact]
    public void No_evaluation_text_is_a_near_copy_of_a_training_text()
    {
        var training = new NearCopyFinder(TrainingCorpus.Shipped(generatedPerCategory: int.MaxValue).Select(t => t.Text).ToList());

        var nearCopies = TestData.EvaluationV3.Concat(TestData.EvaluationV2).Concat(TestData.Evaluation)
            .SelectMany(e => training.NearCopiesOf(e.Text)).ToList();

        Assert.True(nearCopies.Count == 0, string.Join('\n', nearCopies));
        // The finder catches what it must: a training text with its last character changed.
        var probe = training.Texts.First(t => t.Length >= 12);
        Assert.Contains(training.NearCopiesOf(probe[..^1] + (probe[^1] == '。' ? '！' : '。')), found => found.EndsWith(probe, StringComparison.Ordinal));
    }

    [Fact]
    public void The_frozen_evaluation_set_covers_every_leaf_and_every_top_level()
    {
        var leaves = NeedsMap.Sdk.Categories.StandardTaxonomy.All.Where(c => !c.IsTopLevel).Select(c => c.Code).ToHashSet();

        foreach (var set in new[] { TestData.EvaluationV3, TestData.EvaluationV2, TestData.HandWritten })
        {
            Assert.All(set, t => Assert.Contains(t.CategoryCode, leaves));
            Assert.All(set.SelectMany(t => t.SecondaryCodes ?? []), code => Assert.Contains(code, leaves));
        }

        Assert.Equal(leaves.Order(), TestData.EvaluationV3.Select(t => t.CategoryCode).Distinct().Order());
        Assert.All(TestData.EvaluationV3.GroupBy(t => t.CategoryCode), g => Assert.True(g.Count() >= 4, g.Key));
    }

    [Fact]
    public void Round_three_voices_cover_every_leaf_and_share_no_text_with_each_other()
    {
        var leaves = NeedsMap.Sdk.Categories.StandardTaxonomy.All.Where(c => !c.IsTopLevel).Select(c => c.Code).ToHashSet();
        var voices = TrainingCorpus.Voices.ToDictionary(v => v, TrainingCorpus.Voice);

        foreach (var voice in new[] { "letters", "hotline", "colloquial", "generated" })
        {
            Assert.Equal(leaves.Order(), voices[voice].Select(t => t.CategoryCode).Distinct().Order());
        }

        var all = voices.Values.SelectMany(v => v.Select(t => t.Text)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
