using NeedsMap.Sdk.Categories;

namespace NeedsMap.Channels.Shared;

/// <summary>
/// Maps a channel's category labels (and, failing those, the need's text) to standard taxonomy codes by
/// keywords, most specific first. Each channel puts its own label table before the common one.
/// </summary>
internal sealed class CategoryMap
{
    /// <summary>Keywords residents and case workers use alike, checked after a channel's own table.</summary>
    public static readonly IReadOnlyList<(string Keyword, string Code)> Common =
    [
        ("广场舞", "noise.square_dance"), ("施工噪", "noise.construction"), ("夜间施工", "noise.construction"), ("工地", "noise.construction"),
        ("装修噪", "noise.neighbour"), ("楼上", "noise.neighbour"), ("KTV", "noise.commercial"), ("音响", "noise.commercial"),
        ("噪声", "noise"), ("噪音", "noise"), ("扰民", "noise"),
        ("停车", "traffic.parking"), ("车位", "traffic.parking"), ("拥堵", "traffic.congestion"), ("堵车", "traffic.congestion"),
        ("坑洼", "traffic.road_damage"), ("路面破损", "traffic.road_damage"), ("红绿灯", "traffic.signals"), ("信号灯", "traffic.signals"),
        ("公交", "traffic.public_transport"), ("电动自行车", "traffic.ebike"), ("电瓶车", "traffic.ebike"),
        ("垃圾", "environment.garbage"), ("油烟", "environment.air"), ("异味", "environment.air"), ("河道", "environment.water"),
        ("绿化", "environment.greening"), ("卫生", "environment.sanitation"),
        ("入学", "education.enrollment"), ("学位", "education.enrollment"), ("托育", "education.childcare"), ("幼儿园", "education.childcare"),
        ("疫苗", "health.vaccination"), ("接种", "health.vaccination"), ("医保", "health.medical_insurance"), ("看病", "health.clinic"),
        ("物业", "housing.property_management"), ("电梯", "housing.elevator"), ("漏水", "housing.repair"), ("渗水", "housing.repair"),
        ("租房", "housing.rental"), ("房东", "housing.rental"),
        ("助餐", "elderly.meals"), ("独居", "elderly.living_alone"), ("居家养老", "elderly.home_care"), ("适老", "elderly.ageing_friendly"),
        ("被盗", "security.theft"), ("偷", "security.theft"), ("诈骗", "security.fraud"), ("纠纷", "security.dispute"), ("消防", "security.fire"),
        ("食品", "market.food_safety"), ("退款", "market.consumer_rights"), ("占道", "market.street_vending"), ("假货", "market.counterfeit"),
        ("停水", "utilities.water_supply"), ("水压", "utilities.water_supply"), ("停电", "utilities.power"), ("燃气", "utilities.gas"),
        ("路灯", "utilities.streetlight"), ("积水", "utilities.drainage"), ("下水道", "utilities.drainage"),
        ("公厕", "community.facilities"), ("厕所", "community.facilities"), ("toilet", "community.facilities"),
        ("工资", "employment.wage_arrears"), ("欠薪", "employment.wage_arrears"), ("社保", "employment.social_insurance"),
    ];

    private readonly IReadOnlyList<(string Keyword, string Code)> _table;

    public CategoryMap(IEnumerable<(string Keyword, string Code)> channelTable)
    {
        _table = [.. channelTable, .. Common];
        var unknown = _table.Select(entry => entry.Code).FirstOrDefault(code => StandardTaxonomy.Find(code) is null);
        if (unknown is not null)
        {
            throw new InvalidOperationException($"'{unknown}' is not a standard taxonomy code.");
        }
    }

    /// <summary>The first code whose keyword occurs in the first text that has one; <see langword="null"/> if none matches.</summary>
    public string? Map(params string?[] texts)
    {
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            foreach (var (keyword, code) in _table)
            {
                if (text.Contains(keyword, StringComparison.OrdinalIgnoreCase))
                {
                    return code;
                }
            }
        }
        return null;
    }
}
