using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Model.Features;

/// <summary>
/// The words of jieba's dictionary (its <c>dict.txt</c>, about 350,000 entries) and the needs-map user dictionary, as
/// <see cref="WordKeys"/>: what the trainer may make word features of. Read once, when a model is first trained; a
/// server that only classifies never reads it.
/// </summary>
internal static class DictionaryWords
{
    private static readonly Lazy<HashSet<ulong>> Keys = new(Load);

    public static bool Contains(ulong key) => Keys.Value.Contains(key);

    private static HashSet<ulong> Load()
    {
        _ = ChineseSegmenter.Shared; // resolves jieba's resource folder
        var keys = new HashSet<ulong>();
        foreach (var line in File.ReadLines(Path.Combine(ChineseSegmenter.ResourceDirectory, "dict.txt")))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            Add(keys, space < 0 ? line : line[..space]);
        }

        foreach (var (word, _) in ChineseSegmenter.ReadUserDictionary())
        {
            Add(keys, word);
        }

        return keys;
    }

    private static void Add(HashSet<ulong> keys, string word)
    {
        if (word.Length >= WordKeys.MinimumLength && WordKeys.Of(word) is { } key)
        {
            keys.Add(key);
        }
    }
}
