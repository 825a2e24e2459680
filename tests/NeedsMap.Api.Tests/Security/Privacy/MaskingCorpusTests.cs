using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Tests.Graph;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Security.Privacy;

/// <summary>
/// Measures the masking on needs texts written by hand for these tests, every person invented, each with its personal
/// data marked: masking-corpus.txt (156 texts, the set the name rules were tuned on) and masking-evaluation.txt (80 texts
/// written after tuning and measured as they came). An item is protected when the masking claims part of it and the
/// masked text no longer holds it whole; a masked stretch is right when it touches a marked item. Recall and precision
/// are printed per kind and written to .data/artifacts/masking-{set}.md; the floors asserted sit under what was measured,
/// so a regression fails.
/// </summary>
public sealed partial class MaskingCorpusTests(ITestOutputHelper output)
{
    private sealed record Item(int Start, int Length, string Kind, string Text);

    private sealed record Sample(int Line, string Raw, IReadOnlyList<Item> Items);

    [Fact]
    public void Masking_finds_names_phones_ids_plates_addresses_and_accounts_in_the_corpus()
    {
        var (recall, precision, items, report) = Measure("masking-corpus.txt", 150);
        // Numbers, ids, plates, e-mails and accounts follow fixed patterns: none may leak.
        foreach (var kind in new[] { "phone", "id", "plate", "email", "account" })
        {
            Assert.True(items[kind].Protected == items[kind].Total, $"{kind}: {items[kind].Protected} of {items[kind].Total} protected\n{report}");
        }
        Assert.True(Ratio(items["name"].Protected, items["name"].Total) >= 0.95, report);
        Assert.True(recall >= 0.97, report);
        Assert.True(precision >= 0.97, report);
    }

    [Fact]
    public void Masking_holds_on_texts_written_after_it_was_tuned()
    {
        var (recall, precision, _, report) = Measure("masking-evaluation.txt", 80);
        Assert.True(recall >= EvaluationRecallFloor, report);
        Assert.True(precision >= EvaluationPrecisionFloor, report);
    }

    private const double EvaluationRecallFloor = 0.95;
    private const double EvaluationPrecisionFloor = 0.9;

    private (double Recall, double Precision, Dictionary<string, (int Total, int Protected)> Items, string Report) Measure(string file, int atLeast)
    {
        var samples = Load(file);
        Assert.True(samples.Count >= atLeast, $"{file} has {samples.Count} texts");
        var items = new Dictionary<string, (int Total, int Protected)>(StringComparer.Ordinal);
        var masks = new Dictionary<string, (int Total, int Right)>(StringComparer.Ordinal);
        var misses = new List<string>();
        var falseMasks = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var sample in samples)
        {
            var spans = PersonalDataMask.Find(sample.Raw);
            var masked = PersonalDataMask.Scrub(sample.Raw);
            foreach (var item in sample.Items)
            {
                var claimed = spans.Any(s => s.Start < item.Start + item.Length && item.Start < s.End);
                var ok = claimed && !masked.Contains(item.Text, StringComparison.Ordinal);
                var (total, protectedCount) = items.GetValueOrDefault(item.Kind);
                items[item.Kind] = (total + 1, protectedCount + (ok ? 1 : 0));
                if (!ok)
                {
                    misses.Add($"line {sample.Line}: {item.Kind} \"{item.Text}\" → {masked}");
                }
            }
            foreach (var span in spans)
            {
                var right = sample.Items.Any(i => span.Start < i.Start + i.Length && i.Start < span.End);
                var kind = span.Kind.ToString();
                var (total, rightCount) = masks.GetValueOrDefault(kind);
                masks[kind] = (total + 1, rightCount + (right ? 1 : 0));
                if (!right)
                {
                    falseMasks.Add($"line {sample.Line}: {kind} \"{sample.Raw.Substring(span.Start, span.Length)}\" → {masked}");
                }
            }
        }
        var first = clock.Elapsed;
        // Once more, warm: what masking costs per text when jieba is loaded.
        clock.Restart();
        foreach (var sample in samples)
        {
            _ = PersonalDataMask.Scrub(sample.Raw);
        }
        var warm = clock.Elapsed;

        var recall = Ratio(items.Values.Sum(v => v.Protected), items.Values.Sum(v => v.Total));
        var precision = Ratio(masks.Values.Sum(v => v.Right), masks.Values.Sum(v => v.Total));
        var report = Report(file, samples.Count, items, masks, recall, precision, misses, falseMasks, first, warm);
        output.WriteLine(report);
        var folder = Path.Combine(SchemaTests.RepositoryRoot(), ".data", "artifacts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".md"), report);
        return (recall, precision, items, report);
    }

    private static double Ratio(int a, int b) => b == 0 ? 1 : (double)a / b;

    private static string Report(string file, int texts, Dictionary<string, (int Total, int Protected)> items, Dictionary<string, (int Total, int Right)> masks,
        double recall, double precision, List<string> misses, List<string> falseMasks, TimeSpan first, TimeSpan warm)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"# Masking on {file} ({texts} texts, tests/NeedsMap.Api.Tests/Security/Privacy/)");
        text.AppendLine();
        text.AppendLine(c, $"Recall (items protected) {recall:P1}; precision (masked stretches that are personal data) {precision:P1}; "
            + $"{warm.TotalMilliseconds / texts:F2} ms per text warm ({first.TotalMilliseconds / texts:F2} ms on the first pass, which may load jieba).");
        text.AppendLine();
        text.AppendLine("| kind | items | protected | recall | masked stretches | right | precision |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var kind in items.Keys.Order(StringComparer.Ordinal))
        {
            var m = masks.GetValueOrDefault(MaskKind(kind));
            text.AppendLine(c, $"| {kind} | {items[kind].Total} | {items[kind].Protected} | {Ratio(items[kind].Protected, items[kind].Total):P1} | {m.Total} | {m.Right} | {Ratio(m.Right, m.Total):P1} |");
        }
        text.AppendLine();
        text.AppendLine("Missed:");
        misses.ForEach(m => text.AppendLine("- " + m));
        text.AppendLine();
        text.AppendLine("Masked but not personal data:");
        falseMasks.ForEach(m => text.AppendLine("- " + m));
        return text.ToString();
    }

    private static string MaskKind(string item) => item switch
    {
        "name" => nameof(PersonalDataKind.Name),
        "phone" => nameof(PersonalDataKind.Phone),
        "id" => nameof(PersonalDataKind.IdNumber),
        "plate" => nameof(PersonalDataKind.Plate),
        "address" => nameof(PersonalDataKind.Address),
        "email" => nameof(PersonalDataKind.Email),
        _ => nameof(PersonalDataKind.Account),
    };

    private static List<Sample> Load(string file)
    {
        var path = Path.Combine(SchemaTests.RepositoryRoot(), "tests", "NeedsMap.Api.Tests", "Security", "Privacy", file);
        var samples = new List<Sample>();
        var lines = File.ReadAllLines(path);
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var raw = new StringBuilder();
            var found = new List<Item>();
            var at = 0;
            foreach (Match m in Marked().Matches(line))
            {
                raw.Append(line, at, m.Index - at);
                found.Add(new Item(raw.Length, m.Groups[1].Length, m.Groups[2].Value, m.Groups[1].Value));
                raw.Append(m.Groups[1].Value);
                at = m.Index + m.Length;
            }
            raw.Append(line, at, line.Length - at);
            samples.Add(new Sample(n + 1, raw.ToString(), found));
        }
        return samples;
    }

    [GeneratedRegex(@"\[\[([^|\]]+)\|([a-z]+)\]\]")]
    private static partial Regex Marked();
}
