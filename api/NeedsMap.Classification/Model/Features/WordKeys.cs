using System.Runtime.CompilerServices;

namespace NeedsMap.Classification.Model.Features;

/// <summary>
/// Keys of the model's word features: every run of <see cref="MinimumLength"/> to the model's word length characters is
/// hashed (FNV-1a over the folded characters of <see cref="CharNgrams.Fold"/>, bit 63 set so a word key never equals a
/// character n-gram key, which are below 2^48), and counts when its hash is in the model's vocabulary. The trainer puts
/// only jieba dictionary words there (<see cref="DictionaryWords"/>), so these are jieba's full-mode words (cut_all)
/// without loading jieba's dictionary to classify. Shorter words are already character bigrams.
/// </summary>
internal static class WordKeys
{
    public const int MinimumLength = 3;

    public const ulong Marker = 1UL << 63;

    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Calls <paramref name="visit"/> with the key of every run of 3..<paramref name="maxLength"/> foldable characters.</summary>
    public static void Visit<TVisitor>(ReadOnlySpan<char> text, int maxLength, ref TVisitor visit)
        where TVisitor : struct, INgramVisitor
    {
        if (maxLength < MinimumLength)
        {
            return;
        }

        for (var start = 0; start + MinimumLength <= text.Length; start++)
        {
            var hash = Offset;
            var end = Math.Min(text.Length, start + maxLength);
            for (var i = start; i < end; i++)
            {
                var c = CharNgrams.Fold(text[i]);
                if (c == '\0')
                {
                    break;
                }

                hash = Step(hash, c);
                if (i - start + 1 >= MinimumLength)
                {
                    visit.Visit(hash | Marker);
                }
            }
        }
    }

    /// <summary>The key of one word, or null when it has a character no feature keeps.</summary>
    public static ulong? Of(string word)
    {
        var hash = Offset;
        foreach (var raw in word)
        {
            var c = CharNgrams.Fold(raw);
            if (c == '\0')
            {
                return null;
            }

            hash = Step(hash, c);
        }

        return hash | Marker;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong hash, char c) => ((hash ^ (ulong)(c & 0xFF)) * Prime ^ (ulong)(c >> 8)) * Prime;
}
