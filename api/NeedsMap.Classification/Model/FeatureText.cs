using System.Text;
using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Model;

/// <summary>What the model sees of a text: jieba tokens joined by spaces, and the text's CJK and letters for char n-grams.</summary>
internal readonly record struct FeatureText(string Tokens, string Chars)
{
    public static FeatureText From(string normalizedText, IReadOnlyList<string> tokens)
    {
        var chars = new StringBuilder(normalizedText.Length);
        foreach (var c in normalizedText)
        {
            if (TextNormalizer.IsCjk(c) || char.IsLetter(c))
            {
                chars.Append(c);
            }
        }

        return new FeatureText(string.Join(' ', tokens), chars.ToString());
    }

    public static FeatureText From(string rawText)
    {
        var normalized = TextNormalizer.Normalize(rawText);
        return From(normalized, ChineseSegmenter.Shared.Cut(normalized));
    }
}
