using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Lexicon;

/// <summary>
/// Weighted keywords per category code that a city edits without retraining anything. Matching is by substring on
/// normalized text, not on jieba tokens, so a term still matches when segmentation splits it differently.
/// Immutable: <see cref="With"/> and <see cref="Without"/> return a new lexicon, so a classifier can keep serving
/// while an edited copy is built and swapped in.
/// </summary>
public sealed class KeywordLexicon
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly FrozenDictionary<string, IReadOnlyList<LexiconTerm>> _categories;

    // Terms indexed by their first character: one dictionary probe per text position instead of one scan per term.
    private readonly FrozenDictionary<char, (string Term, int Category, double Weight)[]> _byFirstChar;
    private readonly string[] _codes;

    public KeywordLexicon(IReadOnlyDictionary<string, IReadOnlyList<LexiconTerm>> categories, string? version = null)
    {
        var normalized = new SortedDictionary<string, IReadOnlyList<LexiconTerm>>(StringComparer.Ordinal);
        foreach (var (code, terms) in categories)
        {
            normalized[code] = terms
                .Select(t => t with { Term = TextNormalizer.Normalize(t.Term) })
                .Where(t => t.Term.Length > 0)
                .GroupBy(t => t.Term, StringComparer.Ordinal)
                .Select(g => g.Last())
                .ToList();
        }

        _categories = normalized.ToFrozenDictionary(StringComparer.Ordinal);
        _codes = [.. normalized.Keys];
        var index = new Dictionary<char, List<(string, int, double)>>();
        for (var i = 0; i < _codes.Length; i++)
        {
            foreach (var term in normalized[_codes[i]])
            {
                if (!index.TryGetValue(term.Term[0], out var list))
                {
                    index[term.Term[0]] = list = [];
                }

                list.Add((term.Term, i, term.Weight));
            }
        }

        _byFirstChar = index.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(t => t.Item1.Length).ToArray());
        Version = version ?? ComputeVersion(normalized);
    }

    /// <summary>Given, or a short hash of the content, so two lexicons with the same terms have the same version.</summary>
    public string Version { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<LexiconTerm>> Categories => _categories;

    /// <summary>The lexicon shipped with this library: every leaf of the standard taxonomy.</summary>
    public static KeywordLexicon Default { get; } = LoadDefault();

    /// <summary>
    /// Scores every category whose terms occur in <paramref name="normalizedText"/>, best first. A term counts once
    /// however often it occurs, and a term inside a longer matched term of the same category is not counted again.
    /// </summary>
    public IReadOnlyList<LexiconMatch> Match(string normalizedText)
    {
        if (normalizedText.Length == 0)
        {
            return [];
        }

        Dictionary<int, (double Score, List<string> Terms)>? hits = null;
        for (var i = 0; i < normalizedText.Length; i++)
        {
            if (!_byFirstChar.TryGetValue(normalizedText[i], out var candidates))
            {
                continue;
            }

            var span = normalizedText.AsSpan(i);
            foreach (var (term, category, weight) in candidates)
            {
                if (!span.StartsWith(term, StringComparison.Ordinal))
                {
                    continue;
                }

                hits ??= [];
                if (!hits.TryGetValue(category, out var hit))
                {
                    hit = (0, []);
                }

                if (!hit.Terms.Any(t => t.Contains(term, StringComparison.Ordinal)))
                {
                    hit.Score += weight;
                    hit.Terms.Add(term);
                }

                hits[category] = hit;
            }
        }

        if (hits is null)
        {
            return [];
        }

        return hits
            .Select(kv => new LexiconMatch(_codes[kv.Key], kv.Value.Score, kv.Value.Terms))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.CategoryCode, StringComparer.Ordinal)
            .ToList();
    }

    public KeywordLexicon With(string categoryCode, params LexiconTerm[] terms)
    {
        var copy = _categories.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        copy[categoryCode] = [.. copy.GetValueOrDefault(categoryCode) ?? [], .. terms];
        return new KeywordLexicon(copy);
    }

    public KeywordLexicon Without(string categoryCode, string term)
    {
        var normalizedTerm = TextNormalizer.Normalize(term);
        var copy = _categories.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (copy.TryGetValue(categoryCode, out var terms))
        {
            copy[categoryCode] = terms.Where(t => t.Term != normalizedTerm).ToList();
        }

        return new KeywordLexicon(copy);
    }

    public static KeywordLexicon Load(Stream json)
    {
        var document = JsonSerializer.Deserialize<LexiconDocument>(json, Json) ?? throw new InvalidDataException("Empty lexicon document.");
        return FromDocument(document);
    }

    public static KeywordLexicon Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    public void Save(Stream json) => JsonSerializer.Serialize(json, ToDocument(), Json);

    public void Save(string path)
    {
        using var stream = File.Create(path);
        Save(stream);
    }

    private LexiconDocument ToDocument() => new(
        Version,
        _categories.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<LexiconTermDocument>)kv.Value.Select(t => new LexiconTermDocument(t.Term, t.Weight)).ToList()));

    private static KeywordLexicon FromDocument(LexiconDocument document)
    {
        var categories = new Dictionary<string, IReadOnlyList<LexiconTerm>>(StringComparer.Ordinal);
        foreach (var (code, terms) in document.Categories)
        {
            categories[code] = terms.Select(t => new LexiconTerm(t.Term, t.Weight ?? 1.0)).ToList();
        }

        return new KeywordLexicon(categories, string.IsNullOrWhiteSpace(document.Version) ? null : document.Version);
    }

    private static KeywordLexicon LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NeedsMap.Classification.default-lexicon.json")
            ?? throw new InvalidOperationException("Embedded default lexicon missing.");
        return Load(stream);
    }

    private static string ComputeVersion(SortedDictionary<string, IReadOnlyList<LexiconTerm>> categories)
    {
        var sb = new StringBuilder();
        foreach (var (code, terms) in categories)
        {
            sb.Append(code).Append('\n');
            foreach (var term in terms)
            {
                sb.Append(term.Term).Append('=').Append(term.Weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return "lex-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..10];
    }

    private sealed record LexiconDocument(
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("categories")] IReadOnlyDictionary<string, IReadOnlyList<LexiconTermDocument>> Categories);

    private sealed record LexiconTermDocument(
        [property: JsonPropertyName("term")] string Term,
        [property: JsonPropertyName("weight")] double? Weight);
}
