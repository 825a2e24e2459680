namespace NeedsMap.DemoCity.Divisions;

/// <summary>
/// Yiwu's divisions from the National Bureau of Statistics codes (2023 edition): the city, its 14 streets and
/// towns, and its 544 communities and villages. Lists are in code order.
/// </summary>
public static class YiwuDivisions
{
    public const string CityCode = "330782";

    /// <summary>鸡鸣山社区 in 江东街道, the community of the demo's story.</summary>
    public const string JimingshanCode = "330782002005";

    /// <summary>江东街道.</summary>
    public const string JiangdongCode = "330782002";

    private static readonly Lazy<Index> Data = new(Load);

    public static Jurisdiction City => Data.Value.City;

    public static IReadOnlyList<Jurisdiction> Streets => Data.Value.Streets;

    public static IReadOnlyList<Jurisdiction> Communities => Data.Value.Communities;

    /// <summary>City, then streets, then communities.</summary>
    public static IReadOnlyList<Jurisdiction> All => Data.Value.All;

    public static Jurisdiction? Find(string code) => Data.Value.ByCode.GetValueOrDefault(code);

    public static Jurisdiction Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"No Yiwu jurisdiction has the code {code}.");

    /// <summary>
    /// Every jurisdiction called <paramref name="name"/>, by short or official name (鸡鸣山社区, 鸡鸣山社区居委会,
    /// 江东街道). Names repeat across streets (车站社区 is in 稠城 and in 义亭), hence a list.
    /// </summary>
    public static IReadOnlyList<Jurisdiction> FindByName(string name) =>
        Data.Value.ByName.TryGetValue(name.Trim(), out var found) ? found : [];

    public static IReadOnlyList<Jurisdiction> ChildrenOf(string code) =>
        Data.Value.Children.TryGetValue(code, out var children) ? children : [];

    private sealed record Index(
        Jurisdiction City,
        IReadOnlyList<Jurisdiction> Streets,
        IReadOnlyList<Jurisdiction> Communities,
        IReadOnlyList<Jurisdiction> All,
        Dictionary<string, Jurisdiction> ByCode,
        Dictionary<string, IReadOnlyList<Jurisdiction>> Children,
        Dictionary<string, IReadOnlyList<Jurisdiction>> ByName);

    private static Index Load()
    {
        var city = new Jurisdiction(CityCode, "义乌市", "义乌市", null, JurisdictionKind.City);
        var streets = EmbeddedData.ReadCsv("streets.csv")
            .Select(f => new Jurisdiction(f[0], f[1], f[1], CityCode,
                f[1].EndsWith('镇') ? JurisdictionKind.Town : JurisdictionKind.Street))
            .OrderBy(j => j.Code, StringComparer.Ordinal)
            .ToList();
        var communities = EmbeddedData.ReadCsv("communities.csv")
            .Select(f => new Jurisdiction(f[0], DivisionNames.ShortName(f[1]), f[1], f[2],
                DivisionNames.KindOfCommunityLevel(f[1])))
            .OrderBy(j => j.Code, StringComparer.Ordinal)
            .ToList();
        List<Jurisdiction> all = [city, .. streets, .. communities];
        var byCode = all.ToDictionary(j => j.Code, StringComparer.Ordinal);
        var children = all.Where(j => j.ParentCode is not null)
            .GroupBy(j => j.ParentCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Jurisdiction>)g.ToList(), StringComparer.Ordinal);
        var byName = all.SelectMany(j => new[] { (j.Name, j), (j.OfficialName, j) }.Distinct())
            .GroupBy(p => p.Item1, p => p.j, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Jurisdiction>)g.ToList(), StringComparer.Ordinal);
        return new Index(city, streets, communities, all, byCode, children, byName);
    }
}
