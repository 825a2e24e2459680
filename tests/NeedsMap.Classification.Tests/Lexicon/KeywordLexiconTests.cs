using NeedsMap.Classification.Lexicon;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Classification.Tests.Lexicon;

public sealed class KeywordLexiconTests
{
    [Fact]
    public void Default_lexicon_covers_every_leaf_of_the_standard_taxonomy()
    {
        var leaves = StandardTaxonomy.All.Where(c => !c.IsTopLevel).Select(c => c.Code);

        Assert.All(leaves, code => Assert.True(KeywordLexicon.Default.Categories.TryGetValue(code, out var terms) && terms.Count >= 5, code));
    }

    [Fact]
    public void Default_lexicon_names_only_codes_that_exist()
    {
        Assert.All(KeywordLexicon.Default.Categories.Keys, code => Assert.NotNull(StandardTaxonomy.Find(code)));
    }

    [Fact]
    public void Saved_lexicon_loads_back_with_the_same_terms_weights_and_version()
    {
        var edited = KeywordLexicon.Default.With("noise.construction", new LexiconTerm("冲击夯", 2.5));
        using var stream = new MemoryStream();

        edited.Save(stream);
        stream.Position = 0;
        var loaded = KeywordLexicon.Load(stream);

        Assert.Equal(edited.Version, loaded.Version);
        Assert.Equal(edited.Categories.Keys.Order(), loaded.Categories.Keys.Order());
        Assert.Contains(new LexiconTerm("冲击夯", 2.5), loaded.Categories["noise.construction"]);
        Assert.Equal(edited.Categories["noise.construction"], loaded.Categories["noise.construction"]);
    }

    [Fact]
    public void Editing_changes_the_version_and_leaves_the_original_untouched()
    {
        var original = KeywordLexicon.Default;
        var edited = original.Without("noise.square_dance", "广场舞");

        Assert.NotEqual(original.Version, edited.Version);
        Assert.Contains(original.Categories["noise.square_dance"], t => t.Term == "广场舞");
        Assert.DoesNotContain(edited.Categories["noise.square_dance"], t => t.Term == "广场舞");
    }

    [Fact]
    public void Matches_colloquial_phrasing_and_ranks_the_strongest_category_first()
    {
        var matches = KeywordLexicon.Default.Match("楼下大妈跳广场舞，音箱开得震天响");

        Assert.Equal("noise.square_dance", matches[0].CategoryCode);
        Assert.Contains(matches[0].Terms, t => t.Contains("广场舞", StringComparison.Ordinal));
    }

    [Fact]
    public void A_term_inside_a_longer_matched_term_is_not_counted_twice()
    {
        var lexicon = new KeywordLexicon(new Dictionary<string, IReadOnlyList<LexiconTerm>>
        {
            ["noise.construction"] = [new("夜间施工", 3), new("施工", 1)],
        });

        var match = Assert.Single(lexicon.Match("夜间施工"));

        Assert.Equal(3, match.Score);
    }
}
