using NeedsMap.Classification.Model;

namespace NeedsMap.Classification.Tests.Model;

public sealed class LabelledTextCsvTests
{
    [Fact]
    public void Round_trips_quotes_commas_newlines_and_secondary_codes()
    {
        LabelledText[] texts =
        [
            new("他说\"太吵了\"，a,b\n第二行", "noise.neighbour", ["security.dispute"]),
            new("路灯坏了", "utilities.streetlight"),
        ];
        var writer = new StringWriter();

        LabelledTextCsv.Write(writer, texts);
        var read = LabelledTextCsv.Read(new StringReader(writer.ToString()));

        Assert.Equal(2, read.Count);
        Assert.Equal(texts[0].Text, read[0].Text);
        Assert.Equal(["security.dispute"], read[0].SecondaryCodes!);
        Assert.Null(read[1].SecondaryCodes);
    }

    [Fact]
    public void Shipped_data_sets_are_labelled_with_standard_leaf_codes_and_do_not_overlap()
    {
        var leaves = NeedsMap.Sdk.Categories.StandardTaxonomy.All.Where(c => !c.IsTopLevel).Select(c => c.Code).ToHashSet();

        Assert.All(TestData.Training, t => Assert.Contains(t.CategoryCode, leaves));
        foreach (var handWritten in new[] { TestData.Evaluation, TestData.Development })
        {
            Assert.All(handWritten, t => Assert.Contains(t.CategoryCode, leaves));
            Assert.All(handWritten.SelectMany(t => t.SecondaryCodes ?? []), code => Assert.Contains(code, leaves));
            Assert.True(handWritten.Count >= 300);
            Assert.True(handWritten.Select(t => t.CategoryCode.Split('.')[0]).Distinct().Count() >= 14);
            Assert.Empty(TestData.Training.Select(t => t.Text).Intersect(handWritten.Select(t => t.Text)));
        }

        Assert.Empty(TestData.Evaluation.Select(t => t.Text).Intersect(TestData.Development.Select(t => t.Text)));
    }
}
