using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Similarity;

/// <summary>
/// A compact signature for linking the same complaint arriving through different channels (a 12345 call note and a WeChat
/// post). MinHash over character bigrams estimates their Jaccard similarity; character shingles, not jieba tokens, so a
/// typo or a different segmentation costs one or two shingles instead of a whole word. Numerals fold to one placeholder ("11点" = "十一点"). A 64-bit SimHash over the same
/// shingles is kept too, for cheap bucketing by Hamming distance before comparing signatures.
/// </summary>
public sealed class TextFingerprint
{
    public const int SignatureSize = 128;
    private static readonly (ulong A, ulong B)[] Permutations = CreatePermutations();
    private readonly uint[] _signature;

    private TextFingerprint(uint[] signature, ulong simHash, int shingleCount)
    {
        _signature = signature;
        SimHash = simHash;
        ShingleCount = shingleCount;
    }

    public ulong SimHash { get; }

    /// <summary>Zero for a text with no CJK, letters or digits; such a text is similar to nothing.</summary>
    public int ShingleCount { get; }

    public ReadOnlySpan<uint> Signature => _signature;

    public static TextFingerprint Create(string text)
    {
        var shingles = Shingles(text);
        var signature = new uint[SignatureSize];
        Array.Fill(signature, uint.MaxValue);
        Span<int> bits = stackalloc int[64];
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < SignatureSize; i++)
            {
                var (a, b) = Permutations[i];
                var h = (uint)(((a * shingle) + b) >> 32);
                if (h < signature[i])
                {
                    signature[i] = h;
                }
            }

            for (var bit = 0; bit < 64; bit++)
            {
                bits[bit] += ((shingle >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        ulong simHash = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (bits[bit] > 0)
            {
                simHash |= 1UL << bit;
            }
        }

        return new TextFingerprint(signature, simHash, shingles.Count);
    }

    /// <summary>Estimated Jaccard similarity of the two texts' character bigrams, 0..1.</summary>
    public double Similarity(TextFingerprint other)
    {
        if (ShingleCount == 0 || other.ShingleCount == 0)
        {
            return 0;
        }

        var equal = 0;
        for (var i = 0; i < SignatureSize; i++)
        {
            if (_signature[i] == other._signature[i])
            {
                equal++;
            }
        }

        return equal / (double)SignatureSize;
    }

    public int HammingDistance(TextFingerprint other) => System.Numerics.BitOperations.PopCount(SimHash ^ other.SimHash);

    public static double Similarity(string a, string b) => Create(a).Similarity(Create(b));

    /// <summary>Exact Jaccard similarity of character bigrams, for checking the estimate.</summary>
    public static double ExactJaccard(string a, string b)
    {
        var x = Shingles(a);
        var y = Shingles(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var intersection = x.Count(y.Contains);
        return intersection / (double)(x.Count + y.Count - intersection);
    }

    private static HashSet<ulong> Shingles(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var chars = new List<char>(normalized.Length);
        foreach (var c in normalized)
        {
            if (IsNumeral(c))
            {
                chars.Add('#');
            }
            else if (TextNormalizer.IsCjk(c) || char.IsLetter(c))
            {
                chars.Add(c);
            }
        }

        var shingles = new HashSet<ulong>();
        if (chars.Count == 1)
        {
            shingles.Add(Mix(chars[0]));
        }

        for (var i = 0; i + 1 < chars.Count; i++)
        {
            shingles.Add(Mix(((ulong)chars[i] << 16) | chars[i + 1]));
        }

        return shingles;
    }

    // "11点" in one channel is "十一点" in another: every numeral character becomes one placeholder.
    private static bool IsNumeral(char c) => char.IsDigit(c) || "零一二三四五六七八九十百千两".Contains(c, StringComparison.Ordinal);

    // splitmix64 finaliser: spreads the 32 bits of a bigram over 64 well-mixed bits.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static (ulong, ulong)[] CreatePermutations()
    {
        // Fixed seed: fingerprints are stored and compared across processes and releases, so they must never change.
        // Derived from splitmix64 rather than System.Random, whose sequence is not a documented contract.
        var permutations = new (ulong, ulong)[SignatureSize];
        for (var i = 0; i < SignatureSize; i++)
        {
            permutations[i] = (Mix(0x5EED0000UL + (2UL * (ulong)i)) | 1UL, Mix(0x5EED0001UL + (2UL * (ulong)i)));
        }

        return permutations;
    }
}
