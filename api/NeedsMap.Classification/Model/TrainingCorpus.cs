using System.Reflection;

namespace NeedsMap.Classification.Model;

/// <summary>
/// The labelled texts shipped inside this library (see Data/README.md), one file per voice: hand-written residents'
/// messages and the development set (rounds one and two), mailbox letters, hotline work orders and colloquial phone
/// messages (round three), and a sample of the generated corpus. A city's retraining may mix these in with its own labels.
/// </summary>
public static class TrainingCorpus
{
    /// <summary>
    /// Generated texts per category taken into <see cref="Shipped"/>: past a point the generator only repeats its own phrasing.
    /// </summary>
    public const int DefaultGeneratedPerCategory = 100;

    /// <summary>The voices, by file: each was written as one persona and style (Data/README.md).</summary>
    public static IReadOnlyList<string> Voices { get; } = ["handwritten", "development", "letters", "hotline", "colloquial", "generated"];

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["handwritten"] = "training-handwritten.csv",
        ["development"] = "development.csv",
        ["letters"] = "training-letters.csv",
        ["hotline"] = "training-hotline.csv",
        ["colloquial"] = "training-colloquial.csv",
        ["generated"] = "training.csv",
    };

    /// <summary>The shipped corpus; <paramref name="generatedPerCategory"/> caps the generated share (0 leaves it out).</summary>
    public static IReadOnlyList<LabelledText> Shipped(int generatedPerCategory = DefaultGeneratedPerCategory, int? handWrittenPerCategory = null)
    {
        var handWritten = Voices.Where(v => v != "generated").SelectMany(Voice);
        if (handWrittenPerCategory is { } cap)
        {
            handWritten = handWritten.GroupBy(t => t.CategoryCode).SelectMany(g => g.Take(cap));
        }

        var generated = Voice("generated").GroupBy(t => t.CategoryCode).SelectMany(g => g.Take(generatedPerCategory));
        return [.. handWritten, .. generated];
    }

    /// <summary>The texts of one voice (see <see cref="Voices"/>), second issues dropped (training uses the main label).</summary>
    public static IReadOnlyList<LabelledText> Voice(string voice)
    {
        var name = Files.GetValueOrDefault(voice) ?? throw new ArgumentException($"No voice is called \"{voice}\".", nameof(voice));
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NeedsMap.Classification.Data." + name)
            ?? throw new InvalidOperationException($"The corpus file {name} is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return LabelledTextCsv.Read(reader).Select(t => t with { SecondaryCodes = null }).ToList();
    }
}
