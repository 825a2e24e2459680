using System.Diagnostics;
using System.Globalization;
using System.Text;
using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;
using NeedsMap.Classification.Segmentation;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Bench.Classification;

/// <summary>
/// <c>-- tagging</c>: jieba's part-of-speech cut of whole texts (the baseline: what masking names and learning topics
/// called until 2026-12-06) against <see cref="PieceTagger"/>, which cuts each piece of a text once a process, on two sets:
/// the hand-written texts of the shipped corpora (residents' voices written by the team; they repeat little) and the demo
/// city's 20,000 generated texts (what scripts/run loads). Each side starts cold on each set, on one thread; both must give
/// the same tokens for every text. Written to bench/results/tagging.md.
/// </summary>
internal static class Tagging
{
    public static void Write(string path)
    {
        _ = ChineseSegmenter.Shared;
        string[] handWrittenFiles = ["development.csv", "training-handwritten.csv", "training-colloquial.csv", "training-hotline.csv", "training-letters.csv"];
        var handWritten = handWrittenFiles.SelectMany(Sets.Read).Select(t => t.Text).ToList();
        var demo = DemoNeedsGenerator.ForYiwu(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)).Generate().Select(n => n.Text).ToList();
        // Both sides' code paths jitted before anything is timed, on texts of neither set.
        Measure(["预热一下分词器", "王建国反映路灯坏了，希望尽快处理。"]);
        var report = new StringBuilder("# Part-of-speech tagging: jieba's whole-text cut against pieces cut once\n\n");
        report.AppendLine(CultureInfo.InvariantCulture, $"Produced by `dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- tagging` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
            $"{Environment.ProcessorCount} cores, one thread, each side cold on each set (a new tagger, an empty memory). Both sides gave the same tokens for every text.").AppendLine();
        report.AppendLine("| set | texts | characters | jieba, whole texts | pieces cut once | ratio | pieces remembered |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, texts) in new[] { ("hand-written corpus texts", handWritten), ("demo city's generated year", demo) })
        {
            var (jieba, ours, remembered) = Measure(texts);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {texts.Count:N0} | {texts.Sum(t => t.Length):N0} | {jieba.TotalMilliseconds:N0} ms | {ours.TotalMilliseconds:N0} ms | {jieba / ours:F1}× | {remembered:N0} |");
        }
        File.WriteAllText(path, report.ToString());
        Console.WriteLine(report);
    }

    private static (TimeSpan Jieba, TimeSpan Ours, int Remembered) Measure(IReadOnlyList<string> texts)
    {
        var jieba = new PosSegmenter(new JiebaSegmenter());
        var watch = Stopwatch.StartNew();
        var expected = texts.Select(t => jieba.Cut(t, hmm: true).Select(p => (p.Word, p.Flag ?? "")).ToList()).ToList();
        var jiebaTime = watch.Elapsed;
        var ours = new PieceTagger(new PosSegmenter(new JiebaSegmenter()));
        watch.Restart();
        var actual = texts.Select(ours.Cut).ToList();
        var oursTime = watch.Elapsed;
        for (var i = 0; i < texts.Count; i++)
        {
            if (!expected[i].SequenceEqual(actual[i]))
            {
                throw new InvalidOperationException($"The cuts differ on: {texts[i]}");
            }
        }
        return (jiebaTime, oursTime, ours.Remembered);
    }
}
