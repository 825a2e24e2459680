using NeedsMap.Classification.Baseline;
using NeedsMap.Classification.Model;
using NeedsMap.Classification.Model.Features;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Classification.Tests.Model;

public sealed class FeatureAndBaselineTests
{
    private struct Keys : INgramVisitor
    {
        public List<ulong> Seen;

        public readonly void Visit(ulong key) => Seen.Add(key);
    }

    [Fact]
    public void Word_keys_are_the_runs_of_three_or_more_characters_and_never_equal_an_ngram_key()
    {
        var keys = new Keys { Seen = [] };
        WordKeys.Visit("公积金，提取", 6, ref keys);

        // 公积金 is the only run of three: no key spans the comma, and 提取 is a bigram's business.
        Assert.Equal([WordKeys.Of("公积金")!.Value], keys.Seen);
        Assert.All(keys.Seen, k => Assert.True(k >= WordKeys.Marker));
        Assert.Equal(WordKeys.Of("ＡＢＣ"), WordKeys.Of("abc"));
        Assert.Null(WordKeys.Of("a，b"));
    }

    [Fact]
    public void A_model_with_dictionary_words_scores_the_same_after_save_and_load()
    {
        var texts = TrainingCorpus.Voice("hotline").Where(t => t.CategoryCode.StartsWith("housing.", StringComparison.Ordinal)).ToList();
        var model = NeedModel.Train(texts, new TrainingOptions { HoldOutFraction = 0, MaximumIterations = 15 });
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = NeedModel.Load(stream);

        Assert.Equal(6, loaded.WordLength);
        Assert.Equal(model.FeatureCount, loaded.FeatureCount);
        const string text = "交房三年了不动产证还没办下来，公积金也提不出来";
        Assert.Equal(model.Predict(text), loaded.Predict(text));
        Assert.Equal("housing.purchase", loaded.Labels[Array.IndexOf(loaded.Predict(text), loaded.Predict(text).Max())]);
    }

    [Fact]
    public void The_svm_baseline_learns_what_it_is_shown()
    {
        var texts = TrainingCorpus.Voice("hotline").Where(t => t.CategoryCode is "noise.construction" or "utilities.water_supply").ToList();

        var svm = TfidfLinearSvm.Train(texts);

        Assert.Equal("noise.construction", svm.Predict("隔壁工地半夜还在打桩"));
        Assert.Equal("utilities.water_supply", svm.Predict("家里自来水停了一整天也不通知"));
    }

    [Fact]
    public void Every_standard_category_has_a_hotline_area_and_areas_are_found_by_name()
    {
        Assert.All(StandardTaxonomy.All, c => Assert.NotNull(HotlineAreas.AreaOf(c.Code)));
        Assert.Equal("labour", HotlineAreas.AreaOf("health.medical_insurance")!.Code);
        Assert.Equal("urban", HotlineAreas.AreaOf("market.street_vending")!.Code);
        Assert.Equal("environment", HotlineAreas.AreaOf("noise.construction")!.Code);
        Assert.Equal("urban", HotlineAreas.Find("城乡建设")!.Code);
        Assert.Null(HotlineAreas.AreaOf("c3fa2b1"));
    }

    [Fact]
    public void A_citys_export_reads_with_chinese_headers_a_title_column_and_line_numbers()
    {
        var csv = "标题,内容,类别\n路灯不亮,学府路的路灯坏了一周,城乡建设\n\n,\"没有标题，只有内容\",环境保护\n";

        var rows = LabelledTextCsv.Stream(new StringReader(csv)).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(("路灯不亮\n学府路的路灯坏了一周", "城乡建设", 2), (rows[0].Text.Text, rows[0].Text.CategoryCode, rows[0].Line));
        Assert.Equal(("没有标题，只有内容", 4), (rows[1].Text.Text, rows[1].Line));
        Assert.Throws<InvalidDataException>(() => LabelledTextCsv.Stream(new StringReader("a,b\n1,2\n")).ToList());
    }
}
