namespace NeedsMap.Bench.Foresight;

/// <summary>Seeded draws the generators need beyond System.Random: normal, gamma, Poisson and negative binomial.</summary>
internal sealed class Draws(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    public int Int(int low, int highExclusive) => _random.Next(low, highExclusive);

    public bool Chance(double p) => _random.NextDouble() < p;

    public double Normal(double mean = 0, double sd = 1)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Marsaglia–Tsang.</summary>
    public double Gamma(double shape, double scale = 1)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1, scale) * Math.Pow(_random.NextDouble(), 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = _random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
            {
                return d * v * scale;
            }
        }
    }

    /// <summary>Knuth for small means, the transformed rejection of Hörmann (PTRS) above.</summary>
    public int Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }
        if (lambda < 10)
        {
            var limit = Math.Exp(-lambda);
            var k = 0;
            for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble())
            {
                k++;
            }
            return k;
        }
        var slam = Math.Sqrt(lambda);
        var loglam = Math.Log(lambda);
        var b = 0.931 + 2.53 * slam;
        var a = -0.059 + 0.02483 * b;
        var invalpha = 1.1239 + 1.1328 / (b - 3.4);
        var vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = _random.NextDouble() - 0.5;
            var v = _random.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return (int)k;
            }
            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }
            if (Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b) <= -lambda + k * loglam - LogFactorial(k))
            {
                return (int)k;
            }
        }
    }

    /// <summary>Mean μ, variance μ + μ²/size: a gamma-mixed Poisson.</summary>
    public int NegativeBinomial(double mean, double size) => mean <= 0 ? 0 : Poisson(Gamma(size, mean / size));

    private static double LogFactorial(double k)
    {
        if (k < 2)
        {
            return 0;
        }
        // Stirling with two correction terms; exact enough for the acceptance test above k ≈ 10.
        return (k + 0.5) * Math.Log(k) - k + 0.5 * Math.Log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k * k * k);
    }
}
