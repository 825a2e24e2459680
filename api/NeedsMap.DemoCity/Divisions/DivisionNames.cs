namespace NeedsMap.DemoCity.Divisions;

/// <summary>Turns a committee's registered name into the name residents use.</summary>
internal static class DivisionNames
{
    // Longest first, so 社区居民委员会 is not cut to 社区居民委员 + 会 by a shorter match.
    private static readonly string[] VillageSuffixes = ["村民委员会", "村委会"];
    private static readonly string[] CommunitySuffixes = ["居民委员会", "居委会"];

    public static JurisdictionKind KindOfCommunityLevel(string officialName) =>
        VillageSuffixes.Any(officialName.EndsWith) ? JurisdictionKind.Village : JurisdictionKind.Community;

    /// <summary>
    /// 鸡鸣山社区居委会 → 鸡鸣山社区, 徐村村委会 → 徐村, 金星村委会 → 金星村, 黄龙居委会 → 黄龙社区.
    /// Stripping alone would leave 金星 and 黄龙, which nobody writes in an address, so the level word is put back
    /// where the remainder lacks it.
    /// </summary>
    public static string ShortName(string officialName)
    {
        foreach (var suffix in VillageSuffixes)
        {
            if (officialName.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = officialName[..^suffix.Length];
                return stem.EndsWith('村') ? stem : stem + "村";
            }
        }
        foreach (var suffix in CommunitySuffixes)
        {
            if (officialName.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = officialName[..^suffix.Length];
                return stem.EndsWith("社区", StringComparison.Ordinal) ? stem : stem + "社区";
            }
        }
        return officialName;
    }
}
