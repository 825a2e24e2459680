namespace NeedsMap.DemoCity.Needs;

/// <summary>
/// The story the demo data tells: in 鸡鸣山社区 (江东街道) residents' top need is night-time construction noise
/// from one building site, and it has been rising for months. The platform was built from this case.
/// </summary>
public static class DemoStory
{
    public const string CommunityCode = "330782002005";
    public const string CategoryCode = "noise.construction";
    public const string SiteName = "鸡鸣山在建安置房项目工地";

    /// <summary>How long ago the site started work; complaints grow from then to now.</summary>
    public const int StartedDaysAgo = 240;

    /// <summary>Share of all generated needs that belong to the story (about 300 of the default 20,000).</summary>
    public const double Share = 0.015;

    /// <summary>Spread of complaints around the site: residents of the blocks around it.</summary>
    public const double SigmaMetres = 90;

    public const string Description =
        "鸡鸣山社区: 夜间施工噪音 is the residents' top need, clustered around one building site and rising month by month.";
}
