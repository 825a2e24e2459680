using NeedsMap.DemoCity.Boundaries;

namespace NeedsMap.Bench.Foresight.Scenes;

/// <summary>
/// Weekly needs of one category in each of Yiwu's 544 communities (its real streets, so siblings are real), for the
/// scene power bench. Author: the foresight helper (issue #21); assumptions, none of them known to the verdict:
/// a base rate per community log-normal around 2 a week (σ = 1 on the log scale); a trend per community of
/// N(0, 1.5%) a week (0.3% in the parallel-trends scenario) that holds throughout (communities do not move in parallel); a street-wide shock per week,
/// AR(1) on the log scale (ρ = 0.6, σ = 0.12); one city-wide week at 60% (a holiday) and a city-wide drift of
/// N(0, 0.5%) a week; counts negative binomial with size 8 (variance μ + μ²/8).
/// </summary>
internal static class CommunityPanelGenerator
{
    public sealed record Panel(string[] Codes, string[] Streets, int[][] Counts);

    private static readonly (string Code, string Street)[] Communities =
        [.. DemoBoundaryGenerator.Yiwu.Communities.Select(c => (c.Code, c.Jurisdiction.ParentCode!)).OrderBy(c => c.Code, StringComparer.Ordinal)];

    public static Panel Generate(int seed, int weeks, double trendSd = 0.015)
    {
        var d = new Draws(seed);
        var streets = Communities.Select(c => c.Street).Distinct().ToArray();
        var shocks = streets.ToDictionary(s => s, _ => new double[weeks]);
        foreach (var series in shocks.Values)
        {
            var x = d.Normal(0, 0.12);
            for (var t = 0; t < weeks; t++)
            {
                x = 0.6 * x + d.Normal(0, 0.12 * Math.Sqrt(1 - 0.36));
                series[t] = x;
            }
        }
        var holiday = d.Int(0, weeks);
        var drift = d.Normal(0, 0.005);
        var counts = new int[Communities.Length][];
        for (var i = 0; i < Communities.Length; i++)
        {
            var rate = Math.Exp(d.Normal(Math.Log(2), 1));
            var slope = d.Normal(0, trendSd);
            counts[i] = new int[weeks];
            for (var t = 0; t < weeks; t++)
            {
                var mean = rate * Math.Exp((slope + drift) * t + shocks[Communities[i].Street][t]) * (t == holiday ? 0.6 : 1);
                counts[i][t] = d.NegativeBinomial(mean, 8);
            }
        }
        return new Panel([.. Communities.Select(c => c.Code)], [.. Communities.Select(c => c.Street)], counts);
    }
}
