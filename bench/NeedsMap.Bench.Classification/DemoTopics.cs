using System.Globalization;
using System.Text;
using NeedsMap.Classification.Topics;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Bench.Classification;

/// <summary>
/// <c>-- topics</c>: the topics the product would learn for the demo city (Yiwu's generated year of 20,000 needs), with
/// the settings of the key-matters rebuild (TopicLearner: the newest 2,000 texts per category, at least 3 texts, 12
/// topics), written to bench/results/topics.md. The issue that asked for phrases found 千块, 很大, 晚上, 商家 and 店铺预付卡跑
/// among the city's top topics.
/// </summary>
internal static class DemoTopics
{
    private static readonly string[] Fragments = ["千块", "很大", "晚上", "商家", "店铺预付卡跑", "小区", "一下", "已经"];

    public static void Write(string path)
    {
        var now = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var needs = DemoNeedsGenerator.ForYiwu(now).Generate().ToList();
        var extractor = new TopicExtractor(new TopicExtractorOptions { MinimumDocuments = 3 });
        var report = new StringBuilder("# Topics of the demo city\n\n");
        report.AppendLine($"Produced by `dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- topics` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: " +
            $"{needs.Count:N0} generated needs of Yiwu (demo seed, now = {now:yyyy-MM-dd}), the newest 2,000 per category, `TopicExtractor` with the " +
            "key-matters rebuild's settings (at least 3 texts, 12 topics per category). Fragments looked for: " + string.Join(", ", Fragments) + ".").AppendLine();
        report.AppendLine("| category | texts | top topics (texts) |").AppendLine("|---|---|---|");
        var fragments = 0;
        foreach (var group in needs.GroupBy(n => n.CategoryCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var texts = group.OrderByDescending(n => n.ReceivedAt).Take(2000).Select(n => n.Text).ToList();
            var topics = extractor.Extract(texts, 12);
            fragments += topics.Count(t => Fragments.Contains(t.Phrase));
            report.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {texts.Count} | {string.Join("、", topics.Take(6).Select(t => $"{t.Phrase} ({t.DocumentCount})"))} |");
        }

        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Fragments among all categories' 12 topics: {fragments}.");
        File.WriteAllText(path, report.ToString());
        Console.WriteLine(report);
    }
}
