using NeedsMap.Classification.Model.Features;

namespace NeedsMap.Classification.Tests.Model;

public sealed class CharNgramsTests
{
    private struct Collect : INgramVisitor
    {
        public List<string> Grams;

        public readonly void Visit(ulong key) => Grams.Add(CharNgrams.ToText(key));
    }

    private static List<string> Grams(string text, int length)
    {
        var collect = new Collect { Grams = [] };
        CharNgrams.Visit(text, length, ref collect);
        return collect.Grams;
    }

    [Fact]
    public void Every_ngram_up_to_the_length_in_text_order_never_across_punctuation()
    {
        Assert.Equal(["噪", "音", "噪音", "扰", "音扰", "噪音扰"], Grams("噪音扰", 3));
        Assert.Equal(["路", "灯", "路灯", "坏", "了"], Grams("路灯。坏 了", 2));
    }

    [Fact]
    public void Full_width_letters_and_digits_fold_so_typing_habits_do_not_matter()
    {
        Assert.Equal(Grams("KTV吵到3点", 2), Grams("ｋｔｖ吵到９点", 2));
        Assert.Contains("0点", Grams("吵到3点", 2));
    }
}
