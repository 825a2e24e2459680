namespace NeedsMap.Api.Loop.Scenes.Effect;

/// <summary>
/// Difference in differences on weekly need counts. With weekly means S (scene) and C (control), before (b) and
/// after (a) the start: the plain estimate is (Sa − Sb) − (Ca − Cb) needs a week; normalised by the baselines it
/// is Sa/Sb − Ca/Cb, the scene's change as a share of its baseline beyond the control's (−0.6: demand fell 60% of
/// its baseline more than the control's did). The 95% interval is a percentile bootstrap over weeks: each of the
/// four series is resampled with replacement, 2000 times, from a fixed seed so the answer is reproducible.
/// </summary>
public static class DifferenceInDifferences
{
    public const int Replicates = 2000;
    public const int Seed = 20_260_501;

    public sealed record Estimate(double SceneBefore, double SceneAfter, double ControlBefore, double ControlAfter,
        double Difference, double? Relative, double? Low, double? High);

    public static Estimate Compute(int[] sceneBefore, int[] sceneAfter, int[] controlBefore, int[] controlAfter)
    {
        var (sb, sa, cb, ca) = (Mean(sceneBefore), Mean(sceneAfter), Mean(controlBefore), Mean(controlAfter));
        var relative = Relative(sb, sa, cb, ca);
        if (relative is null || sceneAfter.Length == 0)
        {
            return new Estimate(sb, sa, cb, ca, (sa - sb) - (ca - cb), relative, null, null);
        }
        var random = new Random(Seed);
        var draws = new List<double>(Replicates);
        for (var i = 0; i < Replicates; i++)
        {
            if (Relative(Resample(sceneBefore, random), Resample(sceneAfter, random), Resample(controlBefore, random),
                    Resample(controlAfter, random)) is { } r)
            {
                draws.Add(r);
            }
        }
        draws.Sort();
        return new Estimate(sb, sa, cb, ca, (sa - sb) - (ca - cb), relative, Percentile(draws, 0.025), Percentile(draws, 0.975));
    }

    private static double? Relative(double sb, double sa, double cb, double ca) => sb > 0 && cb > 0 ? sa / sb - ca / cb : null;

    private static double Mean(int[] values) => values.Length == 0 ? 0 : values.Average();

    private static double Resample(int[] values, Random random)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[random.Next(values.Length)];
        }
        return values.Length == 0 ? 0 : sum / values.Length;
    }

    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[(int)Math.Clamp(Math.Round(p * (sorted.Count - 1)), 0, sorted.Count - 1)];
}
