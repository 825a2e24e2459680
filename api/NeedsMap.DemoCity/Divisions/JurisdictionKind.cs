namespace NeedsMap.DemoCity.Divisions;

/// <summary>The level of a Chinese administrative division, as far down as residents' needs go.</summary>
public enum JurisdictionKind
{
    /// <summary>县级市, a county-level city (义乌市).</summary>
    City,
    /// <summary>街道, an urban sub-district.</summary>
    Street,
    /// <summary>镇, a town.</summary>
    Town,
    /// <summary>社区 (社区居委会), an urban community.</summary>
    Community,
    /// <summary>村 (村委会), a village.</summary>
    Village,
}
