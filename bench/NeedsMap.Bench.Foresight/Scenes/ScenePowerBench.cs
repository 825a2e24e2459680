using System.Globalization;
using System.Text;
using NeedsMap.Api.Loop.Scenes.Effect;

namespace NeedsMap.Bench.Foresight.Scenes;

/// <summary>
/// Plants effects of −10%, −20%, −40% and 0% on scenes (each a community with at least one need a week before the
/// start) by thinning its needs after the start, and counts how often each way of judging says EFFECTIVE: power
/// for a real fall, the false-positive rate at 0%. The verdict code is the server's (SceneJudge, DonorPool).
/// </summary>
internal static class ScenePowerBench
{
    public const int Before = 12;
    public const int After = 8;
    public static readonly double[] Effects = [0, -0.1, -0.2, -0.4];

    private sealed record Method(string Name, string Note);

    private static readonly (double From, double To, string Label)[] Bands = [(1, 3, "1–3"), (3, 10, "3–10"), (10, double.PositiveInfinity, "10 or more")];

    private static readonly Method[] Methods =
    [
        new("previous: street siblings, bootstrap over weeks", "the verdict before issue #21"),
        new("matched (8 donors), normal critical values", "matching without the placebos"),
        new("matched (4 donors), placebo critical values", "a smaller control"),
        new("matched (8 donors), placebo critical values", "**the server's verdict**"),
        new("matched (16 donors), placebo critical values", "a larger control"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var evaluation = args.Contains("eval");
        var panels = evaluation ? 60 : 15;
        const int perBand = 4;
        var scenesPerPanel = perBand * Bands.Length;
        var started = DateTime.UtcNow;
        var load = Machine.Load();
        var effective = new int[Methods.Length, Effects.Length];
        var judged = new int[Effects.Length];
        var bandEffective = new int[Bands.Length, Effects.Length];
        var bandJudged = new int[Bands.Length];
        var mdes = Bands.Select(_ => new List<double>()).ToArray();
        var claimed = new int[Effects.Length];
        var claimedCaught = new int[Effects.Length];
        var spikeEffective = 0;
        var spikeJudged = 0;
        var firstSeed = evaluation ? 5001 : 1;
        for (var p = 0; p < panels; p++)
        {
            var panel = CommunityPanelGenerator.Generate(firstSeed + p, Before + After);
            var draws = new Draws(firstSeed + p + 777);
            var candidates = Enumerable.Range(0, panel.Codes.Length).Where(i => panel.Counts[i].Take(Before).Sum() >= Before).ToList();
            for (var b = 0; b < Bands.Length; b++)
            {
                var inBand = candidates.Where(i => panel.Counts[i].Take(Before).Sum() / (double)Before is var rate && rate >= Bands[b].From && rate < Bands[b].To).ToList();
                for (var s = 0; s < perBand && inBand.Count > 0; s++)
                {
                    var scene = inBand[draws.Int(0, inBand.Count)];
                    bandJudged[b]++;
                    for (var e = 0; e < Effects.Length; e++)
                    {
                        var treated = Thin(panel.Counts[scene], 1 + Effects[e], draws);
                        judged[e]++;
                        var outcomes = Judge(panel, scene, treated);
                        for (var m = 0; m < Methods.Length; m++)
                        {
                            effective[m, e] += outcomes.Effective[m] ? 1 : 0;
                        }
                        bandEffective[b, e] += outcomes.Effective[3] ? 1 : 0;
                        if (outcomes.Mde is { } mde)
                        {
                            if (e == 0)
                            {
                                mdes[b].Add(mde);
                            }
                            if (Effects[e] < 0 && mde <= -Effects[e])
                            {
                                claimed[e]++;
                                claimedCaught[e] += outcomes.Effective[3] ? 1 : 0;
                            }
                        }
                    }
                }
            }
            // Scenes placed where demand just rose: the last 4 weeks before the start the highest against the 8 before them.
            var spiky = candidates.OrderByDescending(i => (panel.Counts[i].Skip(Before - 4).Take(4).Sum() + 1.0) / (panel.Counts[i].Take(Before - 4).Sum() + 2.0))
                .Take(scenesPerPanel);
            foreach (var scene in spiky)
            {
                spikeJudged++;
                spikeEffective += Judge(panel, scene, panel.Counts[scene]).Effective[3] ? 1 : 0;
            }
        }
        var report = new StringBuilder();
        report.AppendLine("# Scene verdicts: power and false positives (issue #21)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {started:yyyy-MM-dd HH:mm} UTC, {(DateTime.UtcNow - started).TotalSeconds:0} s on 2 shared cores; load average at the start `{load}`, at the end `{Machine.Load()}`.");
        report.AppendLine().AppendLine("```").AppendLine("dotnet run -c Release --project bench/NeedsMap.Bench.Foresight -- scenes" + (evaluation ? " eval" : "")).AppendLine("```").AppendLine();
        report.Append(CultureInfo.InvariantCulture, $"{panels} generated panels (seeds {firstSeed}–{firstSeed + panels - 1}) of Yiwu's 544 communities × {Before} weeks before and {After} after the start ");
        report.Append(CultureInfo.InvariantCulture, $"(`CommunityPanelGenerator`: log-normal rates around 2 needs a week, a trend per community of N(0, 1.5%) a week, AR(1) street shocks, a holiday week, negative binomial counts). "
            + $" {scenesPerPanel} scenes per panel, each a community with at least one need a week before the start; each judged with the effect planted by thinning its needs after the start "
            + $"(each kept with probability 1 + effect). EFFECTIVE = the 95% interval's upper end below 0.").AppendLine();
        report.AppendLine();
        report.Append("| way of judging | ");
        report.AppendJoin(" | ", Effects.Select(e => e == 0 ? "0% (false positives)" : $"{e:P0} (power)".Replace(" ", "", StringComparison.Ordinal)));
        report.AppendLine(" | note |");
        report.AppendLine("|---|" + string.Concat(Effects.Select(_ => "---:|")) + "---|");
        for (var m = 0; m < Methods.Length; m++)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {Methods[m].Name} | ");
            report.AppendJoin(" | ", Effects.Select((_, e) => Share(effective[m, e], judged[e])));
            report.AppendLine(CultureInfo.InvariantCulture, $" | {Methods[m].Note} |");
        }
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{judged[0]} scenes per column (± is a 95% margin).").AppendLine();
        report.AppendLine("The server's verdict by the scene's volume before the start, with the minimum detectable effect (80% power) it reports beside each sceneEffect:").AppendLine();
        report.Append("| needs a week before the start | scenes | median MDE (quartiles) | ");
        report.AppendJoin(" | ", Effects.Select(e => e == 0 ? "0%" : $"{e:P0}".Replace(" ", "", StringComparison.Ordinal)));
        report.AppendLine(" |");
        report.AppendLine("|---|---:|---:|" + string.Concat(Effects.Select(_ => "---:|")));
        for (var b = 0; b < Bands.Length; b++)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {Bands[b].Label} | {bandJudged[b]} | {Median(mdes[b]):P0} ({Quantile(mdes[b], 0.25):P0}–{Quantile(mdes[b], 0.75):P0}) | ");
            report.AppendJoin(" | ", Effects.Select((_, e) => Share(bandEffective[b, e], bandJudged[b])));
            report.AppendLine(" |");
        }
        report.AppendLine();
        report.AppendLine("Does the reported minimum detectable effect hold? Among the scenes whose MDE is at most the planted fall, the share judged EFFECTIVE (should be about 80% or more):");
        report.AppendLine();
        for (var e = 1; e < Effects.Length; e++)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- {Effects[e]:P0}: {Share(claimedCaught[e], claimed[e])} of {claimed[e]} scenes");
        }
        report.AppendLine();
        report.Append("Scenes placed where demand had just risen (the last 4 weeks highest against the 8 before, no effect planted): ");
        report.AppendLine(CultureInfo.InvariantCulture, $"{Share(spikeEffective, spikeJudged)} of {spikeJudged} judged EFFECTIVE by the server's verdict. Regression to the mean looks like an effect; "
            + $"matching on the trend does not remove it, so a scene placed on a spike needs a longer before-period or a skeptical reader.");
        ParallelScenario(report, panels, firstSeed, perBand);
        Console.Write(report.ToString());
        if (evaluation)
        {
            await File.WriteAllTextAsync(BenchRepository.Results("scene-power.md"), report.ToString());
            Console.WriteLine($"Wrote {BenchRepository.Results("scene-power.md")}");
        }
        return 0;
    }

    /// <summary>The server's verdict again, on panels whose communities drift apart five times less (trend sd 0.3% a week).</summary>
    private static void ParallelScenario(StringBuilder report, int panels, int firstSeed, int perBand)
    {
        var effective = new int[Bands.Length, Effects.Length];
        var judged = new int[Bands.Length];
        var mdes = Bands.Select(_ => new List<double>()).ToArray();
        for (var p = 0; p < panels; p++)
        {
            var panel = CommunityPanelGenerator.Generate(firstSeed + p, Before + After, trendSd: 0.003);
            var draws = new Draws(firstSeed + p + 999);
            for (var b = 0; b < Bands.Length; b++)
            {
                var inBand = Enumerable.Range(0, panel.Codes.Length)
                    .Where(i => panel.Counts[i].Take(Before).Sum() / (double)Before is var rate && rate >= Bands[b].From && rate < Bands[b].To).ToList();
                for (var s = 0; s < perBand && inBand.Count > 0; s++)
                {
                    var scene = inBand[draws.Int(0, inBand.Count)];
                    judged[b]++;
                    var pool = new DonorPool(Enumerable.Range(0, panel.Codes.Length).Where(i => i != scene).ToDictionary(i => panel.Codes[i], i => panel.Counts[i]), Before);
                    for (var e = 0; e < Effects.Length; e++)
                    {
                        var j = SceneJudge.Judge(Thin(panel.Counts[scene], 1 + Effects[e], draws), Before, After, After, pool);
                        effective[b, e] += j.Effective ? 1 : 0;
                        if (e == 0 && j.MinimumDetectableEffect is { } mde)
                        {
                            mdes[b].Add(mde);
                        }
                    }
                }
            }
        }
        report.AppendLine().AppendLine("The same verdict if communities drifted apart five times less (each community's trend N(0, 0.3%) a week instead of 1.5%):").AppendLine();
        report.Append("| needs a week before the start | scenes | median MDE (quartiles) | ");
        report.AppendJoin(" | ", Effects.Select(e => e == 0 ? "0%" : $"{e:P0}".Replace(" ", "", StringComparison.Ordinal)));
        report.AppendLine(" |");
        report.AppendLine("|---|---:|---:|" + string.Concat(Effects.Select(_ => "---:|")));
        for (var b = 0; b < Bands.Length; b++)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {Bands[b].Label} | {judged[b]} | {Median(mdes[b]):P0} ({Quantile(mdes[b], 0.25):P0}–{Quantile(mdes[b], 0.75):P0}) | ");
            report.AppendJoin(" | ", Effects.Select((_, e) => Share(effective[b, e], judged[b])));
            report.AppendLine(" |");
        }
        report.AppendLine();
        report.AppendLine("How far real communities drift apart is what the server estimates as betweenVariance (τ²) for each scene: the minimum detectable effect it reports follows it.");
    }

    private sealed record Outcome(bool[] Effective, double? Mde);

    private static Outcome Judge(CommunityPanelGenerator.Panel panel, int scene, int[] treated)
    {
        var code = panel.Codes[scene];
        var donors = Enumerable.Range(0, panel.Codes.Length).Where(i => i != scene).ToDictionary(i => panel.Codes[i], i => panel.Counts[i]);
        var pool = new DonorPool(donors, Before);
        var siblings = Enumerable.Range(0, panel.Codes.Length).Where(i => i != scene && panel.Streets[i] == panel.Streets[scene]).ToList();
        var siblingSum = new int[Before + After];
        foreach (var i in siblings)
        {
            for (var t = 0; t < siblingSum.Length; t++)
            {
                siblingSum[t] += panel.Counts[i][t];
            }
        }
        var old = DifferenceInDifferences.Compute(treated[..Before], treated[Before..], siblingSum[..Before], siblingSum[Before..]);
        var matched8 = SceneJudge.Judge(treated, Before, After, After, pool, 8);
        var normal8 = SceneJudge.JudgeAgainst(treated, matched8.Control, Before, After, After, matched8.ControlCodes);
        var matched4 = SceneJudge.Judge(treated, Before, After, After, pool, 4);
        var matched16 = SceneJudge.Judge(treated, Before, After, After, pool, 16);
        _ = code;
        return new Outcome([old.High is < 0 && old.Relative is < 0, normal8.Effective, matched4.Effective, matched8.Effective, matched16.Effective],
            matched8.MinimumDetectableEffect);
    }

    private static int[] Thin(int[] counts, double keep, Draws draws)
    {
        var thinned = (int[])counts.Clone();
        for (var t = Before; t < thinned.Length; t++)
        {
            var kept = 0;
            for (var i = 0; i < counts[t]; i++)
            {
                kept += draws.Uniform() < keep ? 1 : 0;
            }
            thinned[t] = kept;
        }
        return thinned;
    }

    private static string Share(int hits, int total)
    {
        if (total == 0)
        {
            return "–";
        }
        var p = (double)hits / total;
        var half = 1.96 * Math.Sqrt(p * (1 - p) / total);
        return string.Create(CultureInfo.InvariantCulture, $"{p:P1} ± {half * 100:0.0}");
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(p * (sorted.Count - 1))];
    }
}
