namespace NeedsMap.Api.Tests.Infrastructure;

/// <summary>Counts drawn the way a day's needs arrive, for synthetic series in the forecast and scene tests.</summary>
internal static class RandomCounts
{
    /// <summary>A Poisson draw (Knuth's product of uniforms; fine for the small means the tests use).</summary>
    public static int NextPoisson(this Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }
        return k;
    }
}
