using NeedsMap.Classification.Model;

namespace NeedsMap.Classification.Tests.Model;

/// <summary>
/// The evaluation sets are only worth something if nothing trained on them: no text of theirs, nor a near copy, is in
/// the shipped training corpus (see Data/README.md for how each set was written).
/// </summary>
public sealed class EvaluationFairnessTests
{
    // Two texts sharing more than this share of their character bigrams are near copies (a changed name or number).
    private const double NearCopy = 0.6;

    [Fact]
    public void No_evaluation_text_is_in_the_shipped_training_corpus()
    {
        var training = TrainingCorpus.Shipped(generatedPerCategory: int.MaxValue).Select(t => t.Text).ToHashSet();

        Assert.DoesNotContain(TestData.EvaluationV2, t => training.Contains(t.Text));
        Assert.DoesNotContain(TestData.Evaluation, t => training.Contains(t.Text));
        Assert.Empty(TestData.EvaluationV2.Select(t => t.Text).Intersect(TestData.Evaluation.Select(t => t.Text)));
    }

    [Fact]
    public void No_evaluation_text_is_a_near_copy_of_a_training_text()
    {
        var training = TrainingCorpus.Shipped(generatedPerCategory: int.MaxValue).Select(t => (t.Text, Bigrams: Bigrams(t.Text))).ToList();

        var nearCopies = (from e in TestData.EvaluationV2.Concat(TestData.Evaluation)
                          let bigrams = Bigrams(e.Text)
                          from t in training
                          let overlap = Jaccard(bigrams, t.Bigrams)
                          where overlap > NearCopy
                          select $"{overlap:F2}: {e.Text} ~ {t.Text}").ToList();

        Assert.True(nearCopies.Count == 0, string.Join('\n', nearCopies));
    }

    [Fact]
    public void The_frozen_evaluation_set_covers_every_leaf_and_every_top_level()
    {
        var leaves = NeedsMap.Sdk.Categories.StandardTaxonomy.All.Where(c => !c.IsTopLevel).Select(c => c.Code).ToHashSet();

        Assert.All(TestData.EvaluationV2, t => Assert.Contains(t.CategoryCode, leaves));
        Assert.All(TestData.EvaluationV2.SelectMany(t => t.SecondaryCodes ?? []), code => Assert.Contains(code, leaves));
        Assert.All(TestData.HandWritten, t => Assert.Contains(t.CategoryCode, leaves));
        Assert.Equal(leaves.Order(), TestData.EvaluationV2.Select(t => t.CategoryCode).Distinct().Order());
        Assert.All(TestData.EvaluationV2.GroupBy(t => t.CategoryCode), g => Assert.True(g.Count() >= 5, g.Key));
    }

    private static HashSet<int> Bigrams(string text)
    {
        var set = new HashSet<int>();
        for (var i = 0; i + 1 < text.Length; i++)
        {
            set.Add((text[i] << 16) | text[i + 1]);
        }

        return set;
    }

    private static double Jaccard(HashSet<int> a, HashSet<int> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return shared / (double)(a.Count + b.Count - shared);
    }
}
