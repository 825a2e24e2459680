using System.Globalization;
using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Topics;

/// <summary>jieba's general-corpus IDF table (Resources/idf.txt), so a group's topics favour words that are rare in general Chinese.</summary>
internal sealed class InverseDocumentFrequency
{
    private static readonly Lazy<InverseDocumentFrequency> SharedInstance = new(Load);
    private readonly Dictionary<string, double> _idf;

    private InverseDocumentFrequency(Dictionary<string, double> idf, double median)
    {
        _idf = idf;
        Median = median;
    }

    public static InverseDocumentFrequency Shared => SharedInstance.Value;

    /// <summary>Given to words the table lacks, which are mostly domain compounds from the user dictionary.</summary>
    public double Median { get; }

    public double Of(string token) => _idf.GetValueOrDefault(token, Median);

    private static InverseDocumentFrequency Load()
    {
        _ = ChineseSegmenter.Shared; // resolves the resource folder
        var path = Path.Combine(ChineseSegmenter.ResourceDirectory, "idf.txt");
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                idf[line[..space]] = value;
            }
        }

        var sorted = idf.Values.Order().ToArray();
        return new InverseDocumentFrequency(idf, sorted.Length == 0 ? 10 : sorted[sorted.Length / 2]);
    }
}
