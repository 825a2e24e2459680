namespace NeedsMap.Sdk.Categories;

/// <summary>One area of a Chinese government hotline's first-level routing (12345 一级分类), e.g. 城乡建设.</summary>
/// <param name="Code">A stable code, <c>urban</c>.</param>
/// <param name="Name">The Chinese name a hotline uses.</param>
/// <param name="NameEn">The English name.</param>
public sealed record HotlineArea(string Code, string Name, string NameEn);

/// <summary>
/// Which hotline area each standard category is routed to. The taxonomy's tree groups what residents say (all noise
/// together); a hotline groups by the department that acts, and the two differ for some leaves: medical insurance is
/// social security, street vending and sanitation are urban management, elderly care is civil affairs, fire safety is
/// emergency management. A channel that sends a hotline's area, or an evaluation labelled by area, compares through
/// <see cref="AreaOf"/>.
/// </summary>
public static class HotlineAreas
{
    /// <summary>The areas, in the order hotlines usually list them; <c>other</c> last.</summary>
    public static IReadOnlyList<HotlineArea> All { get; } =
    [
        new("urban", "城乡建设", "Urban construction and management"),
        new("environment", "环境保护", "Environmental protection"),
        new("transport", "交通运输", "Transport"),
        new("education", "教育文体", "Education, culture and sport"),
        new("labour", "劳动和社会保障", "Labour and social security"),
        new("commerce", "商贸旅游", "Commerce and tourism"),
        new("health", "卫生计生", "Health and family planning"),
        new("agriculture", "农业农村", "Agriculture and villages"),
        new("civil", "民政", "Civil affairs"),
        new("justice", "公安司法", "Public security and justice"),
        new("market", "市场监管", "Market regulation"),
        new("housing", "住房保障与房地产", "Housing"),
        new("emergency", "应急管理", "Emergency management"),
        new("other", "其他", "Other"),
    ];

    // Where a leaf differs from its top level's area.
    private static readonly Dictionary<string, string> LeafAreas = new(StringComparer.Ordinal)
    {
        ["environment.garbage"] = "urban",
        ["environment.greening"] = "urban",
        ["environment.sanitation"] = "urban",
        ["health.medical_insurance"] = "labour",
        ["security.fire"] = "emergency",
        ["market.street_vending"] = "urban",
        ["community.activities"] = "education",
        ["community.facilities"] = "urban",
    };

    private static readonly Dictionary<string, string> TopLevelAreas = new(StringComparer.Ordinal)
    {
        ["noise"] = "environment",
        ["traffic"] = "transport",
        ["environment"] = "environment",
        ["education"] = "education",
        ["health"] = "health",
        ["housing"] = "housing",
        ["elderly"] = "civil",
        ["security"] = "justice",
        ["market"] = "market",
        ["utilities"] = "urban",
        ["employment"] = "labour",
        ["community"] = "civil",
        ["emergency"] = "emergency",
        ["urban"] = "urban",
        ["commerce"] = "commerce",
        ["agriculture"] = "agriculture",
        ["civil"] = "civil",
        ["other"] = "other",
    };

    private static readonly Dictionary<string, HotlineArea> ByCode = All.ToDictionary(a => a.Code, StringComparer.Ordinal);

    /// <summary>The area of a standard category (leaf or top level); <see langword="null"/> for a code the taxonomy lacks.</summary>
    public static HotlineArea? AreaOf(string categoryCode)
    {
        if (StandardTaxonomy.Find(categoryCode) is not { } category)
        {
            return null;
        }

        if (LeafAreas.TryGetValue(category.Code, out var leaf))
        {
            return ByCode[leaf];
        }

        return ByCode[TopLevelAreas[category.ParentCode ?? category.Code]];
    }

    /// <summary>The area with this code or Chinese name (城乡建设), or <see langword="null"/>.</summary>
    public static HotlineArea? Find(string codeOrName) =>
        ByCode.GetValueOrDefault(codeOrName) ?? All.FirstOrDefault(a => a.Name == codeOrName);
}
