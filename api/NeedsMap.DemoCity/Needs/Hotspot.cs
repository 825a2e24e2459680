namespace NeedsMap.DemoCity.Needs;

/// <summary>A place that draws needs of a few categories: a market, a school, a clinic, a building site.</summary>
internal sealed record Hotspot(string Name, string CommunityCode, double SigmaMetres, double Weight, (string Code, double Weight)[] Categories)
{
    public static IReadOnlyList<Hotspot> Yiwu { get; } =
    [
        new("国际商贸城", "330782008007", 250, 6, [("market.consumer_rights", 4), ("market.counterfeit", 3), ("traffic.parking", 3), ("traffic.congestion", 3), ("security.dispute", 1)]),
        new("宾王市场", "330782001010", 150, 4, [("market.street_vending", 3), ("noise.commercial", 3), ("market.food_safety", 2), ("environment.air", 2), ("environment.sanitation", 1)]),
        new("篁园服装市场", "330782001004", 150, 2, [("traffic.parking", 2), ("market.street_vending", 2), ("market.consumer_rights", 1)]),
        new("江东农贸市场", "330782002003", 120, 2, [("market.food_safety", 3), ("environment.sanitation", 2), ("market.street_vending", 2)]),
        new("义乌火车站", "330782001008", 200, 2, [("traffic.congestion", 2), ("traffic.public_transport", 2), ("security.theft", 2), ("security.fraud", 1)]),
        new("绣湖小学", "330782001004", 100, 3, [("education.enrollment", 4), ("education.school_safety", 2), ("traffic.congestion", 1), ("education.after_school", 1)]),
        new("稠州中学", "330782004012", 120, 2, [("education.enrollment", 3), ("education.school_safety", 2), ("education.after_school", 1)]),
        new("江东中学", "330782002004", 120, 2, [("education.enrollment", 3), ("education.school_safety", 2)]),
        new("稠江新区小学", "330782003003", 120, 3, [("education.enrollment", 5), ("education.childcare", 1)]),
        new("义乌市中心医院", "330782001001", 150, 3, [("health.clinic", 4), ("traffic.parking", 2), ("emergency.medical", 1)]),
        new("江东社区卫生服务中心", "330782002001", 100, 2, [("health.vaccination", 5), ("health.clinic", 1)]),
        new("北苑社区卫生服务中心", "330782004013", 100, 2, [("health.vaccination", 5), ("health.clinic", 1)]),
        new("高新区厂房工地", "330782003017", 200, 2, [("noise.construction", 3), ("environment.air", 2), ("traffic.road_damage", 1), ("employment.wage_arrears", 1)]),
        new("经发大道安置房工地", "330782004018", 180, 2, [("noise.construction", 3), ("environment.air", 2), ("employment.wage_arrears", 1)]),
        new("通福地块商业综合体工地", "330782008013", 180, 1.5, [("noise.construction", 3), ("environment.air", 1)]),
        new("佛堂古镇", "330782100015", 200, 1.5, [("traffic.parking", 2), ("market.consumer_rights", 1), ("environment.sanitation", 1)]),
    ];
}
