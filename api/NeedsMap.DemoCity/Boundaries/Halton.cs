namespace NeedsMap.DemoCity.Boundaries;

/// <summary>The radical inverse of the Halton sequence: evenly spread, and the same numbers every run.</summary>
internal static class Halton
{
    public static double At(long index, int radix)
    {
        var result = 0.0;
        var fraction = 1.0 / radix;
        while (index > 0)
        {
            result += fraction * (index % radix);
            index /= radix;
            fraction /= radix;
        }
        return result;
    }
}
