using System.Reflection;
using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;

namespace NeedsMap.Classification.Segmentation;

/// <summary>
/// jieba.NET word segmentation with the needs-map user dictionary loaded. One process-wide instance: jieba keeps its
/// dictionary in a singleton, and adding words while another thread cuts is unsafe, so every user word is added once,
/// under a lock, before the first cut. Cutting itself only reads shared state and is safe from many threads.
/// </summary>
public sealed class ChineseSegmenter
{
    private static readonly Lazy<ChineseSegmenter> SharedInstance = new(() => new ChineseSegmenter(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly JiebaSegmenter _jieba;
    private readonly PieceTagger _pieces;

    private ChineseSegmenter()
    {
        EnsureResourceDirectory();
        _jieba = new JiebaSegmenter();
        foreach (var (word, frequency, tag) in ReadTaggedUserDictionary())
        {
            _jieba.AddWord(word, frequency, tag);
        }

        // Force the main dictionary, the HMM tables and the tagger's word tags to load now rather than inside the first
        // caller's request; the tagger takes the user words' tags on its first cut, so no later cut writes shared state.
        _ = _jieba.Cut("初始化分词词典").ToList();
        var tagger = new PosSegmenter(_jieba);
        _ = tagger.Cut("初始化词性标注").ToList();
        _pieces = new PieceTagger(tagger);
    }

    public static ChineseSegmenter Shared => SharedInstance.Value;

    /// <summary>The folder jieba reads dict.txt and its HMM tables from.</summary>
    public static string ResourceDirectory => ConfigManager.ConfigFileBaseDir;

    /// <summary>Segments normalized text (see <see cref="TextNormalizer"/>) and keeps content tokens only.</summary>
    public IReadOnlyList<string> Cut(string normalizedText)
    {
        if (normalizedText.Length == 0)
        {
            return [];
        }

        var tokens = new List<string>(normalizedText.Length / 2);
        foreach (var token in _jieba.Cut(normalizedText, cutAll: false, hmm: true))
        {
            if (TextNormalizer.IsContentToken(token))
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    /// <summary>
    /// Segments text with jieba's part-of-speech tags (n noun, v verb, vn verbal noun, m numeral, q measure word, t time,
    /// d adverb, nr person name, x other …), every token in order, as jieba's tagger with its HMM cuts it (each piece of
    /// the text cut once a process, <see cref="PieceTagger"/>).
    /// </summary>
    public IReadOnlyList<(string Word, string Tag)> CutWithTags(string text) => text.Length == 0 ? [] : _pieces.Cut(text);

    /// <summary>Segments normalized text keeping every token, punctuation included, in order.</summary>
    public IReadOnlyList<string> CutAll(string normalizedText) =>
        normalizedText.Length == 0 ? [] : _jieba.Cut(normalizedText, cutAll: false, hmm: true).ToList();

    private static void EnsureResourceDirectory()
    {
        var configured = ConfigManager.ConfigFileBaseDir;
        if (File.Exists(Path.Combine(configured, "dict.txt")))
        {
            return;
        }

        // A host whose AppDomain base differs from the assembly folder (some test runners, single-file hosts).
        var besideAssembly = Path.Combine(Path.GetDirectoryName(typeof(ChineseSegmenter).Assembly.Location) ?? AppContext.BaseDirectory, "Resources");
        if (File.Exists(Path.Combine(besideAssembly, "dict.txt")))
        {
            ConfigManager.ConfigFileBaseDir = besideAssembly;
            return;
        }

        throw new InvalidOperationException(
            $"jieba dictionaries not found in '{configured}' or '{besideAssembly}'. They are copied to bin/Resources by " +
            "NeedsMap.Classification.csproj; reference that project (or copy jieba.NET's Resources folder) and rebuild.");
    }

    internal static IEnumerable<(string Word, int Frequency)> ReadUserDictionary() => ReadTaggedUserDictionary().Select(w => (w.Word, w.Frequency));

    /// <summary>"word [frequency [tag]]" lines; a word without a tag is a domain term (nz), so the tagger never calls it x.</summary>
    internal static IEnumerable<(string Word, int Frequency, string Tag)> ReadTaggedUserDictionary()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NeedsMap.Classification.userdict.txt")
            ?? throw new InvalidOperationException("Embedded user dictionary missing.");
        using var reader = new StreamReader(stream);
        var words = new List<(string, int, string)>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var frequency = parts.Length > 1 && int.TryParse(parts[1], out var f) ? f : 2000;
            words.Add((parts[0], frequency, parts.Length > 2 ? parts[2] : "nz"));
        }

        return words;
    }
}
