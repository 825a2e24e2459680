using NeedsMap.Classification.Lexicon;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Classification.Tests;

[Collection(nameof(SmallModelCollection))]
public sealed class NeedClassifierTests(SmallModelFixture fixture)
{
    private readonly NeedClassifier _classifier = new(KeywordLexicon.Default, fixture.Model);

    [Fact]
    public void Classifies_a_resident_complaint_with_confidence_alternatives_and_version()
    {
        var result = _classifier.Classify("您好，我是阳光小区的业主，旁边工地每天晚上十二点还在打桩，吵得孩子根本睡不着，请你们管一管");

        Assert.Equal("noise.construction", result.CategoryCode);
        Assert.Equal("noise", result.TopLevelCode);
        Assert.InRange(result.Confidence, result.Alternatives[0].Score, 1.0);
        Assert.Equal(3, result.Alternatives.Count);
        Assert.DoesNotContain(result.Alternatives, a => a.CategoryCode == result.CategoryCode);
        Assert.Equal("test-small+" + KeywordLexicon.Default.Version, result.ClassifierVersion);
        Assert.NotEqual(ClassificationMethod.Default, result.Method);
    }

    [Fact]
    public void A_text_raising_two_issues_returns_the_second_as_secondary()
    {
        var result = _classifier.Classify("楼下饭店的油烟直接排到我家窗户，熏得家里全是油烟味。另外小区门口的路灯坏了一个多月，晚上黑漆漆的没人修。");

        Assert.Equal("environment.air", result.CategoryCode);
        Assert.Contains(result.Secondary, s => s.CategoryCode == "utilities.streetlight");
    }

    [Fact]
    public void A_single_issue_text_has_no_unrelated_secondary()
    {
        var result = _classifier.Classify("我家孩子明年上小学，对口学校的学位不够，划片怎么定的");

        Assert.DoesNotContain(result.Secondary, s => s.CategoryCode.StartsWith("noise", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_model_the_lexicon_decides()
    {
        var lexiconOnly = new NeedClassifier(KeywordLexicon.Default);

        var result = lexiconOnly.Classify("小区门口有人乱摆摊，占道经营，行人都走不了");

        Assert.Equal("market.street_vending", result.CategoryCode);
        Assert.Equal(ClassificationMethod.Lexicon, result.Method);
        Assert.Equal(KeywordLexicon.Default.Version, result.ClassifierVersion);
    }

    [Fact]
    public void Text_with_no_evidence_falls_back_to_other_with_zero_confidence()
    {
        var result = new NeedClassifier(KeywordLexicon.Default).Classify("嗯嗯好的");

        Assert.Equal(StandardTaxonomy.Other, result.CategoryCode);
        Assert.Equal(0, result.Confidence);
        Assert.Equal(ClassificationMethod.Default, result.Method);
    }

    [Fact]
    public void Empty_text_is_classified_without_throwing()
    {
        var result = _classifier.Classify("");

        Assert.Equal(StandardTaxonomy.Other, result.CategoryCode);
    }

    [Fact]
    public void Concurrent_classification_gives_the_same_answers_as_sequential()
    {
        var texts = TestData.Development.Take(80).Select(t => t.Text).ToArray();
        var sequential = texts.Select(t => _classifier.Classify(t).CategoryCode).ToArray();

        var concurrent = new string[texts.Length * 4];
        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => concurrent[i] = _classifier.Classify(texts[i % texts.Length]).CategoryCode);

        for (var i = 0; i < concurrent.Length; i++)
        {
            Assert.Equal(sequential[i % texts.Length], concurrent[i]);
        }
    }

    [Fact]
    public void A_lexicon_edit_takes_effect_without_retraining()
    {
        // A term weighs against the model's confidence: it decides where the model is unsure, and only moves the score
        // where the model is sure (to change that, label needs and retrain).
        const string text = "小区里最近出现了很多共享充电宝被扣押的情况";
        var edited = new NeedClassifier(KeywordLexicon.Default.With("market.consumer_rights", new LexiconTerm("充电宝被扣押", 5)), fixture.Model);

        var before = _classifier.ScoreAll(text).GetValueOrDefault("market.consumer_rights");
        var after = edited.ScoreAll(text)["market.consumer_rights"];
        Assert.True(after - before > 0.15, $"{before:F3} -> {after:F3}");
        var result = edited.Classify(text);
        Assert.True(result.CategoryCode == "market.consumer_rights" || result.Alternatives[0].CategoryCode == "market.consumer_rights",
            $"{result.CategoryCode} {string.Join(", ", result.Alternatives.Select(a => a.CategoryCode))}");
        Assert.NotEqual(_classifier.Version, edited.Version);
    }
}
