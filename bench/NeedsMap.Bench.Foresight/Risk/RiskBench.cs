using System.Globalization;
using System.Text;
using NeedsMap.Api.Weather.Warnings.Risk;

namespace NeedsMap.Bench.Foresight.Risk;

/// <summary>
/// The social-risk detector's false-alarm rate on quiet periods and its detection rate on planted episodes, with
/// the server's own counting (<see cref="RiskCounts"/>) and test (<see cref="RiskTest"/>): every 3-day window of a
/// generated year, every matter (community and category) with at least 5 residents in it.
/// </summary>
internal static class RiskBench
{
    private static string Share(int hits, int total) => total == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{hits:N0} ({100.0 * hits / total:0.00}%)");

    public static readonly int[] Crowds = [5, 8, 12, 20];

    public static async Task<int> RunAsync(string[] args)
    {
        var evaluation = args.Contains("eval");
        var seed = evaluation ? 7001 : 330782;
        var volume = evaluation ? 300_000 : 60_000;
        var started = DateTime.UtcNow;
        var load = Machine.Load();
        var (needs, first, last) = QuietCity.Build(volume, seed);
        var index = new CityIndex(needs, first, last);

        // Quiet periods: every window, every matter with enough residents.
        int tested = 0, alarms = 0, storyAlarms = 0, windows = 0, below01 = 0, below001 = 0;
        var episodes = new HashSet<(string, int)>();
        var lastRaised = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = RiskTest.BaselineDays + RiskTest.WindowDays - 1; d <= index.Days - 1; d++)
        {
            windows++;
            foreach (var (matter, window) in index.Window(d))
            {
                if (window.Residents < RiskTest.MinResidents)
                {
                    continue;
                }
                var assessment = index.Assess(matter, window, d);
                if (matter == QuietCity.StoryMatter)
                {
                    storyAlarms += assessment.Raised ? 1 : 0;
                    continue;
                }
                tested++;
                below01 += assessment.PValue < 0.01 ? 1 : 0;
                below001 += assessment.PValue < 0.001 ? 1 : 0;
                if (assessment.Raised)
                {
                    alarms++;
                    if (!lastRaised.TryGetValue(matter, out var at) || d - at >= RiskTest.WindowDays)
                    {
                        episodes.Add((matter, d));
                        lastRaised[matter] = d;
                    }
                }
            }
        }

        // Planted episodes on top of the quiet city.
        var draws = new Draws(seed + 1);
        var scenarios = RiskEpisodes.All;
        var detected = new int[scenarios.Count, Crowds.Length];
        const int trials = 60;
        var communities = needs.Select(n => n.Community).Distinct().Order(StringComparer.Ordinal).ToArray();
        for (var s = 0; s < scenarios.Count; s++)
        {
            for (var c = 0; c < Crowds.Length; c++)
            {
                for (var t = 0; t < trials; t++)
                {
                    var d = draws.Int(RiskTest.BaselineDays + RiskTest.WindowDays, index.Days);
                    var community = communities[draws.Int(0, communities.Length)];
                    var planted = scenarios[s].Plant(community, index.DayOf(d), Crowds[c], draws);
                    var matter = community + "|" + scenarios[s].Category;
                    var window = RiskCounts.Of(index.WindowNeeds(matter, d).Concat(planted));
                    detected[s, c] += index.Assess(matter, window, d).Raised ? 1 : 0;
                }
            }
        }

        var report = new StringBuilder();
        report.AppendLine("# Social-risk warnings: false alarms and detection (issue #21)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {started:yyyy-MM-dd HH:mm} UTC, {(DateTime.UtcNow - started).TotalSeconds:0} s on 2 shared cores; load average at the start `{load}`, at the end `{Machine.Load()}`.");
        report.AppendLine().AppendLine("```").AppendLine("dotnet run -c Release --project bench/NeedsMap.Bench.Foresight -- risk" + (evaluation ? " eval" : "")).AppendLine("```").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Quiet periods: {needs.Count:N0} needs over {index.Days} days from the demo city's generator (seed {seed}; texts, joint petitions 联名, repeat reporters, statuses), nothing planted. "
            + $"Every {RiskTest.WindowDays}-day window ending on each of {windows} days, against the {RiskTest.BaselineDays} days before; a matter is a community and a leaf category, tested when it has at least {RiskTest.MinResidents} residents in the window. "
            + $"The test: {SocialRiskDetector.Rule}.");
        report.AppendLine();
        report.AppendLine("| quiet periods | value |");
        report.AppendLine("|---|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| matter-windows tested | {tested:N0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| combined p below 0.01 (a calibrated test: about 1%) | {Share(below01, tested)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| combined p below 0.001 (about 0.1%) | {Share(below001, tested)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| windows that would raise a warning | {alarms:N0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| **false alarms per 1,000 matter-windows tested** | **{(tested == 0 ? 0 : 1000.0 * alarms / tested):0.00}** |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| warnings raised (a matter warned again only after its window has passed) | {episodes.Count:N0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| **false warnings per city-week** | **{7.0 * episodes.Count / windows:0.00}** |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| the demo's story matter (鸡鸣山 construction noise, a real rising problem, not counted above): windows raising a warning | {storyAlarms} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Planted episodes: {trials} per cell, each a crowd of new residents filing in one random community over the last 3 days of a random window, on top of the quiet needs; the share raising a SOCIAL_RISK warning. "
            + $"The episode texts and the lexicon have the same author (this helper), so the rates for text signals are optimistic for real writing.");
        report.AppendLine();
        report.Append("| episode | ");
        report.AppendJoin(" | ", Crowds.Select(c => $"{c} residents"));
        report.AppendLine(" |");
        report.AppendLine("|---|" + string.Concat(Crowds.Select(_ => "---:|")));
        for (var s = 0; s < scenarios.Count; s++)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {scenarios[s].Name} | ");
            report.AppendJoin(" | ", Crowds.Select((_, c) => ((double)detected[s, c] / trials).ToString("P0", CultureInfo.InvariantCulture)));
            report.AppendLine(" |");
        }
        report.AppendLine();
        report.AppendLine("Zero false alarms in a finite sample bounds the rate, it does not prove it zero: with n matter-windows and none raised, the 95% upper bound is 3/n.");
        Console.Write(report.ToString());
        if (evaluation)
        {
            await File.WriteAllTextAsync(BenchRepository.Results("risk.md"), report.ToString());
            Console.WriteLine($"Wrote {BenchRepository.Results("risk.md")}");
        }
        return 0;
    }
}
