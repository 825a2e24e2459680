namespace NeedsMap.DemoCity.Needs;

/// <summary>
/// The demo's second story: residents complained of the vaccination queues at 江东社区卫生服务中心 (接种排队太长，能不能网上预约？)
/// until the clinic opened an online booking channel on the first day of a vaccination wave (1 March or 1 October,
/// the latest at least <see cref="MinimumDaysAgo"/> days before now). From that day most of the queue complaints
/// there stop while the rest of the street goes on as before, so a scene placed on the clinic's community is judged
/// EFFECTIVE by the product's own difference in differences.
/// </summary>
public static class DemoBooking
{
    public const string HotspotName = "江东社区卫生服务中心";
    public const string CommunityCode = "330782002001";
    public const string CategoryCode = "health.vaccination";

    /// <summary>The spring campaign and the autumn flu wave open on these local dates (month, day).</summary>
    public static readonly IReadOnlyList<(int Month, int Day)> OpensOn = [(3, 1), (10, 1)];

    /// <summary>13 weeks: the 12 full weeks the scene effect compares after the start, and one more.</summary>
    public const int MinimumDaysAgo = 91;

    /// <summary>Share of the clinic's vaccination complaints that booking online spares once the channel is open.</summary>
    public const double Spared = 0.92;
}
