using System.Reflection;
using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Topics;

/// <summary>
/// Which jieba tokens may make a topic, by part of speech and word lists: numerals and measure words (千块), pronouns,
/// prepositions, conjunctions, particles, adverbs (很大) and stop words break a phrase; a time word (晚上) may lead a
/// phrase (夜间施工) but is never one alone or at its end, nor is an adjective or a direction; a generic setting word
/// (小区, 商家) never starts a phrase nor makes one alone.
/// </summary>
internal static class PhraseRules
{
    private static readonly Lazy<HashSet<string>> Stop = new(() => Load("stopwords.txt"));
    private static readonly Lazy<HashSet<string>> Generic = new(() => Load("generic.txt"));
    private static readonly Lazy<Dictionary<string, string>> Canonical = new(LoadSynonyms);

    public static bool IsGeneric(string word) => Generic.Value.Contains(word);

    /// <summary>A word as its near-synonym group's first word (噪音 → 噪声).</summary>
    public static string Canonicalize(string word) => Canonical.Value.GetValueOrDefault(word, word);

    /// <summary>Whether the token can stand inside a phrase at all.</summary>
    public static bool IsPhraseToken(string word, string tag)
    {
        if (Stop.Value.Contains(word) || !TextNormalizer.IsContentToken(word) || word.Any(char.IsDigit))
        {
            return false;
        }

        return Kind(tag, word) is not TokenKind.Breaker;
    }

    public static bool MayStart(string word, string tag) => !IsGeneric(word) && Kind(tag, word) is not (TokenKind.Direction or TokenKind.Modifier);

    public static bool MayEnd(string word, string tag) => Kind(tag, word) is TokenKind.Noun or TokenKind.Verb;

    public static bool MayStandAlone(string word, string tag) =>
        !IsGeneric(word) && Kind(tag, word) switch
        {
            TokenKind.Verb => true,
            TokenKind.Noun => word.Length >= 3 || tag is "nz" or "l" or "i" or "j",
            _ => false,
        };

    public static bool IsContent(string word, string tag) => Kind(tag, word) is TokenKind.Noun or TokenKind.Verb;

    private enum TokenKind
    {
        Breaker,
        Noun,
        Verb,
        Time,
        Direction,
        Modifier,
    }

    private static TokenKind Kind(string tag, string word) => tag switch
    {
        "m" or "mq" or "q" or "r" or "rr" or "rz" or "p" or "c" or "y" or "e" or "o" or "w" or "d" or "zg" or "df" or "dg" => TokenKind.Breaker,
        _ when tag.StartsWith('u') => TokenKind.Breaker,
        "x" => word.All(TextNormalizer.IsCjk) && word.Length > 1 ? TokenKind.Noun : TokenKind.Breaker,
        "t" or "tg" => TokenKind.Time,
        "f" or "s" => TokenKind.Direction,
        "a" or "ad" or "ag" or "b" or "z" or "an" => tag == "an" ? TokenKind.Noun : TokenKind.Modifier,
        _ when tag.StartsWith('v') => TokenKind.Verb,
        _ when tag.StartsWith('n') || tag is "l" or "i" or "j" or "eng" or "g" => TokenKind.Noun,
        _ => TokenKind.Breaker,
    };

    private static HashSet<string> Load(string name)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines(name))
        {
            words.Add(line);
        }

        return words;
    }

    private static Dictionary<string, string> LoadSynonyms()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines("synonyms.txt"))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var word in words.Skip(1))
            {
                map[word] = words[0];
            }
        }

        return map;
    }

    private static IEnumerable<string> Lines(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NeedsMap.Classification." + name)
            ?? throw new InvalidOperationException($"Embedded {name} missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }
}
