namespace NeedsMap.Classification.Topics;

/// <summary>
/// Dunning's log-likelihood ratio (G²) for two parts of a phrase standing next to each other more often than chance
/// would put them: the 2×2 table of "left part here / elsewhere" × "right part follows / not". A phrase whose every
/// split scores at least <see cref="Threshold"/> is a collocation, not two words that happened to meet.
/// </summary>
internal static class Collocation
{
    /// <summary>G² of 6.63 is p &lt; 0.01 with one degree of freedom.</summary>
    public const double Threshold = 6.63;

    /// <param name="both">Times the left part is directly followed by the right part.</param>
    /// <param name="left">Times the left part occurs (before anything).</param>
    /// <param name="right">Times the right part occurs.</param>
    /// <param name="total">Token positions in the group.</param>
    public static double LogLikelihood(long both, long left, long right, long total)
    {
        var k11 = (double)both;
        var k12 = Math.Max(0, left - both);
        var k21 = Math.Max(0, right - both);
        var k22 = Math.Max(0, total - left - right + both);
        return 2 * (Entropy(k11, k12, k21, k22) - Entropy(k11 + k12, k21 + k22) - Entropy(k11 + k21, k12 + k22));
    }

    private static double Entropy(params double[] counts)
    {
        var sum = counts.Sum();
        return counts.Where(k => k > 0).Sum(k => k * Math.Log(k / sum));
    }
}
