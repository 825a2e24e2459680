namespace NeedsMap.Api.Cases;

/// <summary>Configuration section <c>NeedsMap:Cases</c>: when two needs are the same complaint.</summary>
public sealed class CaseOptions
{
    public const string Section = "NeedsMap:Cases";

    /// <summary>Received at most this many days apart.</summary>
    public int Days { get; set; } = 7;

    /// <summary>At most this far apart, on the spheroid.</summary>
    public double Metres { get; set; } = 300;

    /// <summary>
    /// Estimated Jaccard similarity of the texts' character bigrams (TextFingerprint) at least this: 0.5 links a hotline
    /// note and a WeChat post about the same site, and keeps apart two complaints that only share a category's vocabulary.
    /// </summary>
    public double Similarity { get; set; } = 0.5;

    public static CaseOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<CaseOptions>() ?? new CaseOptions();
}
