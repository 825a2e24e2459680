namespace NeedsMap.Channels.Police110;

/// <summary>
/// Which 110 incident kinds (警情类别) may become public needs. The list is closed: a kind not named here is
/// treated as confidential, so a new kind in the police system cannot leak onto the map by default.
/// </summary>
internal static class IncidentKinds
{
    public static readonly IReadOnlyDictionary<string, string> NeedKinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["噪声扰民"] = "noise",
        ["群众求助"] = "other.general",
        ["纠纷"] = "security.dispute",
        ["邻里纠纷"] = "security.dispute",
        ["咨询"] = "community.affairs",
        ["举报投诉"] = "other.general",
        ["公共设施报修"] = "community.facilities",
        ["走失人员查找"] = "elderly.living_alone",
    };

    public static readonly IReadOnlySet<string> EmergencyKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "火警", "交通事故", "溺水", "紧急救助", "危险品泄漏",
    };
}
