namespace NeedsMap.DemoCity.Divisions;

/// <summary>
/// One administrative division. <see cref="Name"/> is what residents say and what addresses use
/// (鸡鸣山社区, 金星村); <see cref="OfficialName"/> is the registered name of its committee (鸡鸣山社区居委会, 金星村委会).
/// </summary>
public sealed record Jurisdiction(string Code, string Name, string OfficialName, string? ParentCode, JurisdictionKind Kind)
{
    /// <summary>Streets and towns: the level directly under the city.</summary>
    public bool IsStreetLevel => Kind is JurisdictionKind.Street or JurisdictionKind.Town;

    /// <summary>Communities and villages: the smallest level, the one needs are filed against.</summary>
    public bool IsCommunityLevel => Kind is JurisdictionKind.Community or JurisdictionKind.Village;
}
