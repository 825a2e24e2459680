namespace NeedsMap.Api.Weather.Warnings;

/// <summary>The upper tail of the Poisson distribution: how likely at least k events are when λ are expected.</summary>
public static class PoissonTest
{
    public static double UpperTail(int k, double lambda)
    {
        if (k <= 0)
        {
            return 1.0;
        }
        if (lambda <= 0)
        {
            return 0.0;
        }
        if (k <= lambda)
        {
            // Not a rise: 1 minus the lower part, summed directly.
            var term = Math.Exp(-lambda);
            var lower = 0.0;
            for (var i = 0; i < k; i++)
            {
                lower += term;
                term *= lambda / (i + 1);
            }
            return Math.Clamp(1 - lower, 0, 1);
        }
        // Sum the tail from k upwards in log space; the terms fall fast once i > λ.
        var logTerm = -lambda + k * Math.Log(lambda) - LogFactorial(k);
        var first = Math.Exp(logTerm);
        var sum = first;
        var t = first;
        for (var i = k + 1; i < k + 10_000; i++)
        {
            t *= lambda / i;
            sum += t;
            if (t < sum * 1e-16)
            {
                break;
            }
        }
        return Math.Min(1, sum);
    }

    private static double LogFactorial(int n)
    {
        var sum = 0.0;
        for (var i = 2; i <= n; i++)
        {
            sum += Math.Log(i);
        }
        return sum;
    }
}
