using System.Reflection;

namespace NeedsMap.Classification.Model;

/// <summary>
/// The labelled texts shipped inside this library (see Data/README.md): hand-written texts in the styles of 12345 work
/// orders, grid reports, petitions and WeChat messages, the development set, and a sample of the generated corpus.
/// A city's retraining starts from these and adds its own labels.
/// </summary>
public static class TrainingCorpus
{
    /// <summary>
    /// Generated texts per category taken into <see cref="Shipped"/>. All 220 scored within one text of 100 on the development
    /// set and took two to three times as long to train: past a point the generator only repeats its own phrasing.
    /// </summary>
    public const int DefaultGeneratedPerCategory = 100;

    /// <summary>The shipped corpus; <paramref name="generatedPerCategory"/> caps the generated share (0 leaves it out).</summary>
    public static IReadOnlyList<LabelledText> Shipped(int generatedPerCategory = DefaultGeneratedPerCategory, int? handWrittenPerCategory = null)
    {
        var handWritten = Read("training-handwritten.csv").Concat(Read("development.csv"))
            .Select(t => t with { SecondaryCodes = null });
        if (handWrittenPerCategory is { } cap)
        {
            handWritten = handWritten.GroupBy(t => t.CategoryCode).SelectMany(g => g.Take(cap));
        }

        var generated = Read("training.csv").GroupBy(t => t.CategoryCode).SelectMany(g => g.Take(generatedPerCategory));
        return [.. handWritten, .. generated];
    }

    private static IReadOnlyList<LabelledText> Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NeedsMap.Classification.Data." + name)
            ?? throw new InvalidOperationException($"The corpus file {name} is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return LabelledTextCsv.Read(reader);
    }
}
