using System.Runtime.CompilerServices;

namespace NeedsMap.Classification.Model.Features;

/// <summary>
/// The model's features: character n-grams of the text itself, with no word segmentation. Chinese words are mostly one
/// to three characters, so n-grams up to three cover the words and the seams between them, and a misspelt or dialect
/// word still shares most of its n-grams with the usual one. An n-gram is packed into a <see cref="ulong"/> (16 bits a
/// character), so nothing is allocated per n-gram. Letters are lower-cased, full-width forms folded, every digit read as
/// '0'; other characters (punctuation, spaces, symbols) end a run and no n-gram spans them.
/// </summary>
internal static class CharNgrams
{
    public const int MaximumLength = 4;

    /// <summary>Calls <paramref name="visit"/> for every n-gram of length 1..<paramref name="maxLength"/>, in text order.</summary>
    public static void Visit<TVisitor>(ReadOnlySpan<char> text, int maxLength, ref TVisitor visit)
        where TVisitor : struct, INgramVisitor
    {
        // The last (maxLength - 1) kept characters, newest in the low bits.
        ulong window = 0;
        var run = 0;
        foreach (var raw in text)
        {
            var c = Fold(raw);
            if (c == '\0')
            {
                run = 0;
                window = 0;
                continue;
            }

            window = (window << 16) | c;
            run++;
            var lengths = Math.Min(run, maxLength);
            for (var n = 1; n <= lengths; n++)
            {
                visit.Visit(n == 4 ? window : window & ((1UL << (16 * n)) - 1));
            }
        }
    }

    /// <summary>The n-gram's characters, for reading a model's vocabulary.</summary>
    public static string ToText(ulong key)
    {
        Span<char> chars = stackalloc char[MaximumLength];
        var length = 0;
        while (key != 0 && length < MaximumLength)
        {
            chars[length++] = (char)(key & 0xFFFF);
            key >>= 16;
        }

        chars[..length].Reverse();
        return new string(chars[..length]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static char Fold(char c)
    {
        if (c >= '\u4E00' && c <= '\u9FFF')
        {
            return c;
        }

        if (c >= '\uFF01' && c <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }

        if (c is >= '0' and <= '9')
        {
            return '0';
        }

        if (c is >= 'a' and <= 'z')
        {
            return c;
        }

        if (c is >= 'A' and <= 'Z')
        {
            return (char)(c + 32);
        }

        return c >= '\u3400' && char.IsLetter(c) ? c : '\0';
    }
}

internal interface INgramVisitor
{
    void Visit(ulong key);
}
