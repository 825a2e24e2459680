using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using JiebaNet.Segmenter.PosSeg;

namespace NeedsMap.Classification.Segmentation;

/// <summary>
/// jieba's part-of-speech cut, remembered piece by piece. jieba's tagger splits a text into runs of Han characters, Latin
/// letters, digits and a few joiners (<see cref="Pieces"/>, the tagger's own pattern in jieba.NET 0.42.2) and the runs
/// between them, and cuts each on its own; so a text's tokens are its pieces' tokens in order, and a piece cut once need
/// not be cut again. Residents repeat themselves (希望尽快处理, 谢谢, 我是…的住户, a street's name), and the tagger's HMM
/// (a Viterbi over some 250 states a character, with a dictionary lookup at each) was most of the processor time of
/// masking names and of learning topics: 37 of the 63 CPU-seconds a demo city's first start spent in .NET (2026-12-06).
/// <c>ChineseSegmenterTests</c> hold it to jieba's own cut of whole texts, token for token.
/// </summary>
internal sealed class PieceTagger(PosSegmenter tagger)
{
    /// <summary>jieba.NET 0.42.2's <c>PosSegmenter</c> block pattern; a jieba upgrade that changes it fails the equality test.</summary>
    private static readonly Regex Pieces = new(@"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%·\-]+)", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>How many pieces are remembered (a few MB) before the memory starts over; longer pieces are cut and not kept, as they seldom recur.</summary>
    public const int Capacity = 50_000;

    public const int LongestRemembered = 24;

    private readonly ConcurrentDictionary<string, (string Word, string Tag)[]> _cuts = new(StringComparer.Ordinal);

    /// <summary>How many pieces are remembered now.</summary>
    public int Remembered => _cuts.Count;

    public IReadOnlyList<(string Word, string Tag)> Cut(string text)
    {
        var tokens = new List<(string Word, string Tag)>(text.Length / 2 + 1);
        foreach (var piece in Pieces.Split(text))
        {
            if (piece.Length == 0)
            {
                continue;
            }
            if (piece.Length > LongestRemembered)
            {
                tokens.AddRange(CutPiece(piece));
                continue;
            }
            if (!_cuts.TryGetValue(piece, out var cut))
            {
                cut = CutPiece(piece);
                if (_cuts.Count >= Capacity)
                {
                    _cuts.Clear();
                }
                _cuts[piece] = cut;
            }
            tokens.AddRange(cut);
        }
        return tokens;
    }

    private (string Word, string Tag)[] CutPiece(string piece) => tagger.Cut(piece, hmm: true).Select(p => (p.Word, p.Flag ?? "")).ToArray();
}
