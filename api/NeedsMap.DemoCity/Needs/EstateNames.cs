using NeedsMap.DemoCity.Divisions;

namespace NeedsMap.DemoCity.Needs;

/// <summary>
/// Made-up but plausible estate names for addresses (鸡鸣山花园, 锦绣家园), a few per community, fixed by its code;
/// a village's address is the village itself with a house number.
/// </summary>
internal static class EstateNames
{
    private static readonly string[] Prefixes =
        ["锦绣", "金色", "阳光", "东方", "江南", "绿城", "华府", "银都", "香溪", "滨江", "幸福", "春江", "新世纪", "紫金", "和平", "世纪"];

    private static readonly string[] Suffixes = ["花园", "新村", "小区", "公寓", "家园", "嘉苑", "雅苑", "一区", "二区", "大厦", "府"];

    public static string[] For(Jurisdiction community)
    {
        var rng = new Rng(Rng.Hash(community.Code), 7);
        if (community.Kind == JurisdictionKind.Village)
        {
            return Enumerable.Range(0, 6).Select(_ => $"{rng.Next(1, 200)}号").ToArray();
        }
        var stem = community.Name.EndsWith("社区", StringComparison.Ordinal) ? community.Name[..^2] : community.Name;
        var names = new List<string> { stem + rng.Pick(Suffixes) };
        while (names.Count < 4)
        {
            var name = rng.Pick(Prefixes) + rng.Pick(Suffixes);
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }
        return names.ToArray();
    }
}
