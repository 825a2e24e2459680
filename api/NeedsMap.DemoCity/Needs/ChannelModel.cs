namespace NeedsMap.DemoCity.Needs;

/// <summary>
/// Which channel a need arrives through. 12345 carries most; police (110), ambulance (120) and traffic police (122)
/// get the categories that belong to them; night noise often goes to 110.
/// </summary>
internal static class ChannelModel
{
    private static readonly (string Channel, double Weight)[] Base =
    [
        ("12345", 42), ("wechat", 12), ("app", 10), ("zheliban", 8), ("four-platforms", 7), ("110", 5),
        ("122", 3), ("96150", 3), ("board", 3), ("open311", 2), ("120", 1),
    ];

    public static WeightedTable<string> For(string category) => new(Base.Select(c => (c.Channel, c.Weight * Affinity(category, c.Channel))));

    public static WeightedTable<string> Story() => new(
        [("12345", 50), ("110", 22), ("wechat", 10), ("zheliban", 8), ("four-platforms", 6), ("app", 4)]);

    private static double Affinity(string category, string channel) => (category, channel) switch
    {
        ("emergency.medical", "120") => 400,
        ("emergency.medical", _) => 0.3,
        (_, "120") => 0.05,
        ("emergency.disaster", "110") => 6,
        (_, "110") when category.StartsWith("security.", StringComparison.Ordinal) => 10,
        (_, "110") when category.StartsWith("noise.", StringComparison.Ordinal) => 3,
        (_, "110") => 0.3,
        (_, "122") when category.StartsWith("traffic.", StringComparison.Ordinal) && category != "traffic.public_transport" => 8,
        (_, "122") => 0.1,
        // 96150 stands here for a municipal service hotline: housing, utilities, community affairs.
        (_, "96150") when category.StartsWith("housing.", StringComparison.Ordinal) || category.StartsWith("utilities.", StringComparison.Ordinal) => 3,
        // 四个平台 is the grid-management system: community workers log what they see.
        (_, "four-platforms") when category.StartsWith("environment.", StringComparison.Ordinal) || category.StartsWith("community.", StringComparison.Ordinal) || category.StartsWith("elderly.", StringComparison.Ordinal) => 2.5,
        _ => 1,
    };
}
