namespace NeedsMap.Api.Weather.Warnings.Risk;

/// <summary>
/// Combines the signals of one matter's window into a social-risk test. Each signal gets a p-value under "nothing
/// new is happening": residents ~ Poisson with the matter's baseline rate of needs (λ ≥ <see cref="LambdaFloor"/>);
/// given the window's needs, the needs with collective-action words, with anger and repeating after a resolved
/// answer each ~ Binomial(needs, baseline share), the share shrunk towards the category's city-wide share (and a
/// small floor) so a matter with little history is judged by its category. Fisher's method combines the four
/// (−2 Σ ln p ~ χ² with 8 degrees of freedom). A warning needs the combined p below <see cref="Alpha"/>, at least
/// <see cref="MinResidents"/> residents, and one signal beyond counts below <see cref="SignalAlpha"/>: a crowd
/// alone is a demand surge, not a social risk.
/// </summary>
public static class RiskTest
{
    public const int WindowDays = 3;
    public const int BaselineDays = 56;
    public const double Alpha = 1e-4;
    public const double SignalAlpha = 0.01;
    public const int MinResidents = 5;
    public const double LambdaFloor = 0.5;
    public const double PriorNeeds = 20;
    public const double ShareFloor = 0.01;

    public sealed record Shares(double Collective, double Angry, double Repeats);

    public sealed record Signal(string Name, int Observed, double Expected, double PValue);

    public sealed record Assessment(IReadOnlyList<Signal> Signals, double Chi, double PValue, bool Raised);

    public static Assessment Assess(RiskCounts window, RiskCounts baseline, Shares category)
    {
        var lambda = Math.Max(baseline.Needs * (double)WindowDays / BaselineDays, LambdaFloor);
        var n = window.Needs;
        double Share(int hits, double prior) => Math.Max((hits + PriorNeeds * prior) / (baseline.Needs + PriorNeeds), ShareFloor);
        var pc = Share(baseline.Collective, category.Collective);
        var pa = Share(baseline.Angry, category.Angry);
        var pr = Share(baseline.Repeats, category.Repeats);
        Signal[] signals =
        [
            new("residents", window.Residents, lambda, PoissonTest.UpperTail(window.Residents, lambda)),
            new("collective", window.Collective, n * pc, BinomialUpperTail(window.Collective, n, pc)),
            new("anger", window.Angry, n * pa, BinomialUpperTail(window.Angry, n, pa)),
            new("repeats", window.Repeats, n * pr, BinomialUpperTail(window.Repeats, n, pr)),
        ];
        var chi = -2 * signals.Sum(s => Math.Log(Math.Max(s.PValue, 1e-300)));
        var p = ChiSquareUpperTail(chi, 2 * signals.Length);
        var raised = p < Alpha && window.Residents >= MinResidents && signals.Skip(1).Any(s => s.PValue < SignalAlpha);
        return new Assessment(signals, chi, p, raised);
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p), summed in log space.</summary>
    public static double BinomialUpperTail(int k, int n, double p)
    {
        if (k <= 0)
        {
            return 1;
        }
        if (k > n || p <= 0)
        {
            return 0;
        }
        if (p >= 1)
        {
            return 1;
        }
        var logTerm = LogChoose(n, k) + k * Math.Log(p) + (n - k) * Math.Log(1 - p);
        double sum = 0;
        for (var i = k; i <= n; i++)
        {
            sum += Math.Exp(logTerm);
            logTerm += Math.Log((double)(n - i) / (i + 1)) + Math.Log(p / (1 - p));
        }
        return Math.Min(1, sum);
    }

    /// <summary>P(X &gt; x) for X ~ χ² with an even number of degrees of freedom: e^(−x/2) Σ (x/2)^i / i!, i &lt; df/2.</summary>
    public static double ChiSquareUpperTail(double x, int degreesOfFreedom)
    {
        var half = x / 2;
        double term = 1, sum = 1;
        for (var i = 1; i < degreesOfFreedom / 2; i++)
        {
            term *= half / i;
            sum += term;
        }
        return Math.Min(1, Math.Exp(-half) * sum);
    }

    private static double LogChoose(int n, int k)
    {
        double sum = 0;
        for (var i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }
        return sum;
    }
}
