using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;
using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Tests.Segmentation;

public sealed class ChineseSegmenterTests
{
    [Fact]
    public void Jieba_dictionaries_are_copied_to_the_test_bin_folder()
    {
        var resources = Path.Combine(AppContext.BaseDirectory, "Resources");
        Assert.True(File.Exists(Path.Combine(resources, "dict.txt")), $"dict.txt missing in {resources}");
        Assert.True(File.Exists(Path.Combine(resources, "prob_emit.json")));
        Assert.True(File.Exists(Path.Combine(resources, "idf.txt")));
        Assert.Equal(Path.GetFullPath(resources).TrimEnd('/'), Path.GetFullPath(ChineseSegmenter.ResourceDirectory).TrimEnd('/'));
    }

    [Fact]
    public void Segments_ordinary_Chinese_into_words()
    {
        var tokens = ChineseSegmenter.Shared.Cut(TextNormalizer.Normalize("我们小区门口的路灯坏了"));

        Assert.Contains("小区", tokens);
        Assert.Contains("路灯", tokens);
    }

    [Theory]
    [InlineData("工地夜间施工吵得睡不着", "夜间施工")]
    [InlineData("楼下广场舞音响太大", "广场舞")]
    [InlineData("老楼想加装电梯", "加装电梯")]
    [InlineData("带孩子去社区打疫苗排队", "打疫苗")]
    [InlineData("门口有人占道经营", "占道经营")]
    public void Keeps_domain_words_from_the_user_dictionary_whole(string text, string word) =>
        Assert.Contains(word, ChineseSegmenter.Shared.Cut(TextNormalizer.Normalize(text)));

    [Fact]
    public void Drops_punctuation_and_pure_numbers()
    {
        var tokens = ChineseSegmenter.Shared.Cut(TextNormalizer.Normalize("停水了！已经 12 个小时，"));

        Assert.DoesNotContain("！", tokens);
        Assert.DoesNotContain("12", tokens);
        Assert.Contains("停水", tokens);
    }

    [Fact]
    public void Normalizes_full_width_letters_digits_and_spaces()
    {
        Assert.Equal("ktv 12345 好", TextNormalizer.Normalize("ＫＴＶ\u3000１２３４５  好 "));
    }

    [Fact]
    public void Cuts_concurrently_with_the_same_results()
    {
        const string text = "小区旁边的工地天天夜间施工，打桩机吵得老人孩子都睡不着觉";
        var expected = ChineseSegmenter.Shared.Cut(text);

        var results = new IReadOnlyList<string>[64];
        Parallel.For(0, results.Length, i => results[i] = ChineseSegmenter.Shared.Cut(text));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    /// <summary>
    /// The tagged cut remembers pieces of texts (PieceTagger); it must give jieba's own cut of each whole text, token for
    /// token: the hand-written texts of the shipped corpora and every sixteenth of its training set, each one twice (the second time from memory),
    /// and texts that put the pieces' edges where jieba's pattern has them (digits, Latin, %, ·, -, spaces, line breaks,
    /// a character outside the Basic Multilingual Plane).
    /// </summary>
    [Fact]
    public void Tagged_cuts_are_jiebas_own_cuts_of_the_whole_texts()
    {
        _ = ChineseSegmenter.Shared;
        var jieba = new PosSegmenter(new JiebaSegmenter());
        string[] edges =
        [
            "王建国反映路灯坏了", "3号楼2单元 502室漏水，联系人：李女士 13857901234。", "PM2.5超标% 百分之三十·欧阳娜娜-投诉",
            "我叫张伟\r\n住在宾王路88号\t谢谢", "  前后空格  ", "。。。！！", "abc DEF 123.45 x-y_z #tag &amp;", "𠀀字外的字符和😀表情",
            "希望尽快处理。希望尽快处理。希望尽快处理。", "朱国庆举报：诸葛亮在江东路摆摊", "",
        ];
        var texts = edges.Concat(TestData.Development.Concat(TestData.HandWritten).Concat(TestData.Training.Where((_, i) => i % 16 == 0)).Select(t => t.Text)).ToList();
        Assert.True(texts.Count > 1_000, $"only {texts.Count} texts");
        foreach (var round in new[] { "first", "remembered" })
        {
            foreach (var text in texts)
            {
                var expected = text.Length == 0 ? [] : jieba.Cut(text, hmm: true).Select(p => (p.Word, p.Flag ?? "")).ToList();
                var actual = ChineseSegmenter.Shared.CutWithTags(text);
                Assert.True(expected.SequenceEqual(actual),
                    $"{round}: {text}\n jieba: {string.Join(' ', expected)}\n ours:  {string.Join(' ', actual)}");
            }
        }
    }
}
