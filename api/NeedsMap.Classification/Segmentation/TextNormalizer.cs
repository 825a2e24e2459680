using System.Text;

namespace NeedsMap.Classification.Segmentation;

/// <summary>
/// Folds the variation that carries no meaning in residents' texts: full-width letters, digits and punctuation
/// (common from phone IMEs), letter case, and runs of whitespace.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var raw in text)
        {
            var c = raw;
            if (c == '\u3000')
            {
                c = ' ';
            }
            else if (c >= '\uFF01' && c <= '\uFF5E' && !IsKeptFullWidth(c))
            {
                c = (char)(c - 0xFEE0);
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            sb.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }

        if (sb.Length > 0 && sb[^1] == ' ')
        {
            sb.Length--;
        }

        return sb.ToString();
    }

    // Chinese sentence punctuation stays full-width: the clause splitter and jieba both know it.
    private static bool IsKeptFullWidth(char c) => c is '\uFF0C' or '\uFF01' or '\uFF1F' or '\uFF1B' or '\uFF1A';

    public static bool IsCjk(char c) => c >= '\u4E00' && c <= '\u9FFF';

    /// <summary>A token worth keeping as a feature: it has a CJK character or a letter, and is not only digits.</summary>
    public static bool IsContentToken(string token)
    {
        foreach (var c in token)
        {
            if (IsCjk(c) || char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }
}
