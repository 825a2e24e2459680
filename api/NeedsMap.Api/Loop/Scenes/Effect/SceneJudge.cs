namespace NeedsMap.Api.Loop.Scenes.Effect;

/// <summary>
/// Judges a scene from weekly counts, the same code in the server and in the power bench
/// (bench/results/scene-power.md). The effect is the ratio of ratios θ = log((Sa/Sb) / (Ca/Cb)) of the scene's
/// and the control's weekly means after and before the start; its standard error comes from the four totals with
/// the overdispersion φ the pre-period shows (scene against control scaled), plus the variance τ² by which
/// communities drift apart beyond their counts' noise (estimated from the placebos). The control is the sum of the
/// <see cref="Donors"/> untreated communities whose shrunk pre-period trends are nearest the scene's
/// (<see cref="DonorPool"/>). The critical values are not taken from the normal curve but from placebos: every
/// other donor judged the same way, with its own matched control, at the same start — so whatever the matching
/// and the trends do to the statistic under no effect, the verdict's false-alarm rate stays near its 2.5%.
/// EFFECTIVE when the upper end of the 95% interval is below 0 (a one-sided 2.5% test); the minimum detectable
/// effect is the fall that test would catch with 80% power at the scene's volumes.
/// </summary>
public static class SceneJudge
{
    public const int Donors = 8;
    public const int MinPlacebos = 20;
    public const int MaxPlacebos = 500;
    public const double Power = 0.8;
    private const double NormalLow = -1.959963984540054;
    private const double NormalPower = 0.8416212335729143;

    public sealed record Judgement(
        double? Relative, double? Low, double? High, double? StandardError, double Dispersion, double? MinimumDetectableEffect,
        int Placebos, double CriticalLow, IReadOnlyList<string> ControlCodes, int[] Control, double BetweenVariance)
    {
        /// <summary>The whole 95% interval of the relative effect lies below zero.</summary>
        public bool Effective => High is < 0;
    }

    /// <summary>Judges <paramref name="scene"/> (before weeks, then after weeks) against its matched donors; placebo-calibrated.</summary>
    public static Judgement Judge(int[] scene, int before, int after, int plannedAfter, DonorPool pool, int donors = Donors)
    {
        var controlCodes = pool.Nearest(pool.Slope(scene), donors, _ => false);
        var control = Sum(pool, controlCodes, scene.Length);
        var (low, high, power, placebos, between) = Critical(pool, before, after, donors, scene.Length);
        return Finish(scene, control, before, after, plannedAfter, controlCodes, low, high, power, placebos, between);
    }

    /// <summary>Judges against a given control series with normal critical values (no donors to draw placebos from).</summary>
    public static Judgement JudgeAgainst(int[] scene, int[] control, int before, int after, int plannedAfter, IReadOnlyList<string> controlCodes) =>
        Finish(scene, control, before, after, plannedAfter, controlCodes, NormalLow, -NormalLow, NormalPower, 0, 0);

    private static Judgement Finish(int[] scene, int[] control, int before, int after, int plannedAfter, IReadOnlyList<string> controlCodes,
        double low, double high, double power, int placebos, double between)
    {
        var e = Estimate(scene, control, before, after);
        var mde = MinimumDetectable(scene, control, before, Math.Max(after, plannedAfter), e.Dispersion, low, power, between);
        if (e.Theta is not { } theta || e.Se is not { } poissonSe)
        {
            return new Judgement(null, null, null, null, e.Dispersion, mde, placebos, low, controlCodes, control, between);
        }
        var se = Math.Sqrt(poissonSe * poissonSe + between);
        return new Judgement(Math.Exp(theta) - 1, Math.Exp(theta - high * se) - 1, Math.Exp(theta - low * se) - 1, se, e.Dispersion, mde,
            placebos, low, controlCodes, control, between);
    }

    public sealed record Statistic(double? Theta, double? Se, double Dispersion);

    public static Statistic Estimate(int[] scene, int[] control, int before, int after)
    {
        var dispersion = Dispersion(scene, control, before);
        if (after <= 0 || before <= 0)
        {
            return new Statistic(null, null, dispersion);
        }
        double sb = Sum(scene, 0, before), sa = Sum(scene, before, after), cb = Sum(control, 0, before), ca = Sum(control, before, after);
        if (sb == 0 || cb == 0)
        {
            return new Statistic(null, null, dispersion);
        }
        // Half a need added to each total keeps an empty after-period finite; it shrinks the effect a little towards 0.
        var theta = Math.Log((sa + 0.5) / after / ((sb + 0.5) / before)) - Math.Log((ca + 0.5) / after / ((cb + 0.5) / before));
        var se = Math.Sqrt(dispersion * (1 / (sb + 0.5) + 1 / (sa + 0.5) + 1 / (cb + 0.5) + 1 / (ca + 0.5)));
        return new Statistic(theta, se, dispersion);
    }

    /// <summary>The fall (a share of the baseline) caught with 80% power, at the volumes expected after the start without an effect.</summary>
    private static double? MinimumDetectable(int[] scene, int[] control, int before, int after, double dispersion, double low, double power, double between)
    {
        double sb = Sum(scene, 0, before), cb = Sum(control, 0, before);
        if (sb == 0 || cb == 0 || after <= 0)
        {
            return null;
        }
        var (sa, ca) = (sb / before * after, cb / before * after);
        var se = Math.Sqrt(dispersion * (1 / (sb + 0.5) + 1 / (sa + 0.5) + 1 / (cb + 0.5) + 1 / (ca + 0.5)) + between);
        return 1 - Math.Exp((low - power) * se);
    }

    /// <summary>Pearson dispersion of the scene's pre-period weeks around the control scaled to it (at least 1).</summary>
    public static double Dispersion(int[] scene, int[] control, int before)
    {
        double sb = Sum(scene, 0, before), cb = Sum(control, 0, before);
        if (before < 3 || sb == 0 || cb == 0)
        {
            return 1;
        }
        var kappa = sb / cb;
        double chi = 0;
        var weeks = 0;
        for (var t = 0; t < before; t++)
        {
            var expected = kappa * control[t];
            if (expected > 0)
            {
                chi += (scene[t] - expected) * (scene[t] - expected) / (expected * (1 + kappa));
                weeks++;
            }
        }
        return weeks < 3 ? 1 : Math.Max(1, chi / (weeks - 1));
    }

    /// <summary>
    /// Judges every donor as a placebo against its own matched control. Communities drift apart by more than their
    /// counts' noise (their trends differ), so the between-community variance τ² of the placebo effects beyond their
    /// own standard errors is estimated (DerSimonian–Laird) and added to every standard error; the 2.5%, 97.5% and
    /// 80% quantiles of the placebos' z = θ / √(se² + τ²) are the critical values (normal ones below 20 placebos).
    /// </summary>
    private static (double Low, double High, double Power, int Count, double Between) Critical(DonorPool pool, int before, int after, int donors, int length)
    {
        var codes = pool.Codes.OrderBy(c => c, StringComparer.Ordinal).ToList();
        var every = Math.Max(1, (int)Math.Ceiling(codes.Count / (double)MaxPlacebos));
        var placebos = new List<(double Theta, double Variance)>();
        for (var i = 0; i < codes.Count; i += every)
        {
            var placebo = pool.Series(codes[i]);
            var own = pool.Nearest(pool.Slope(placebo), donors, c => c == codes[i]);
            if (own.Count == 0)
            {
                continue;
            }
            var e = Estimate(placebo, Sum(pool, own, length), before, after);
            if (e.Theta is { } theta && e.Se is > 0)
            {
                placebos.Add((theta, e.Se.Value * e.Se.Value));
            }
        }
        if (placebos.Count < MinPlacebos)
        {
            return (NormalLow, -NormalLow, NormalPower, placebos.Count, 0);
        }
        var between = BetweenVariance(placebos);
        var z = placebos.Select(p => p.Theta / Math.Sqrt(p.Variance + between)).Order().ToList();
        return (Quantile(z, 0.025), Quantile(z, 0.975), Quantile(z, Power), z.Count, between);
    }

    /// <summary>DerSimonian–Laird: τ² = max(0, (Q − (k − 1)) / (Σw − Σw² / Σw)) with w = 1/v.</summary>
    public static double BetweenVariance(IReadOnlyList<(double Theta, double Variance)> effects)
    {
        double sw = 0, sw2 = 0, swt = 0;
        foreach (var (theta, variance) in effects)
        {
            var w = 1 / variance;
            sw += w;
            sw2 += w * w;
            swt += w * theta;
        }
        var mean = swt / sw;
        var q = effects.Sum(e => (e.Theta - mean) * (e.Theta - mean) / e.Variance);
        var denominator = sw - sw2 / sw;
        return denominator > 0 ? Math.Max(0, (q - (effects.Count - 1)) / denominator) : 0;
    }

    private static int[] Sum(DonorPool pool, IReadOnlyList<string> codes, int length)
    {
        var total = new int[length];
        foreach (var code in codes)
        {
            var series = pool.Series(code);
            for (var t = 0; t < length; t++)
            {
                total[t] += series[t];
            }
        }
        return total;
    }

    private static double Sum(int[] values, int from, int count)
    {
        double sum = 0;
        for (var i = from; i < from + count && i < values.Length; i++)
        {
            sum += values[i];
        }
        return sum;
    }

    private static double Quantile(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
