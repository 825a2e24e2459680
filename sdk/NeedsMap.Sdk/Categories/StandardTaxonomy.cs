namespace NeedsMap.Sdk.Categories;

/// <summary>
/// The standard two-level taxonomy of what residents raise. Codes are stable and are what plugins map a
/// channel's own categories to; a city may add its own categories beside these but never renames a code.
/// </summary>
public static class StandardTaxonomy
{
    /// <summary>The code for a need that fits nowhere else.</summary>
    public const string Other = "other.general";

    /// <summary>Every entry, each top-level entry followed by its children.</summary>
    public static IReadOnlyList<StandardCategory> All { get; } =
    [
        new("noise", "噪声扰民", "Noise", null),
        new("noise.construction", "施工噪声", "Construction noise", "noise"),
        new("noise.commercial", "商业经营噪声", "Commercial noise", "noise"),
        new("noise.traffic", "交通噪声", "Traffic noise", "noise"),
        new("noise.neighbour", "邻里生活噪声", "Neighbour noise", "noise"),
        new("noise.square_dance", "广场舞噪声", "Square-dance noise", "noise"),
        new("traffic", "交通出行", "Traffic and transport", null),
        new("traffic.parking", "停车难", "Parking", "traffic"),
        new("traffic.congestion", "道路拥堵", "Congestion", "traffic"),
        new("traffic.road_damage", "道路破损", "Road damage", "traffic"),
        new("traffic.signals", "信号灯与交通设施", "Signals and road furniture", "traffic"),
        new("traffic.public_transport", "公交出行", "Public transport", "traffic"),
        new("traffic.ebike", "电动自行车管理", "E-bikes", "traffic"),
        new("environment", "生态环境", "Environment", null),
        new("environment.garbage", "垃圾清运与分类", "Garbage", "environment"),
        new("environment.air", "空气污染与油烟", "Air and cooking fumes", "environment"),
        new("environment.water", "水体污染", "Water pollution", "environment"),
        new("environment.greening", "绿化养护", "Greening", "environment"),
        new("environment.sanitation", "环境卫生", "Sanitation", "environment"),
        new("education", "教育入学", "Education", null),
        new("education.enrollment", "入学与学位", "School places and enrolment", "education"),
        new("education.school_safety", "校园周边安全", "School-area safety", "education"),
        new("education.childcare", "托育服务", "Childcare", "education"),
        new("education.after_school", "课后服务", "After-school care", "education"),
        new("health", "医疗卫生", "Health", null),
        new("health.vaccination", "疫苗接种", "Vaccination", "health"),
        new("health.clinic", "看病就医", "Clinics and doctors", "health"),
        new("health.public_health", "公共卫生", "Public health", "health"),
        new("health.medical_insurance", "医疗保障", "Medical insurance", "health"),
        new("housing", "住房物业", "Housing and property", null),
        new("housing.property_management", "物业管理", "Property management", "housing"),
        new("housing.elevator", "加装电梯", "Lift retrofits", "housing"),
        new("housing.renovation", "老旧小区改造", "Old estate renovation", "housing"),
        new("housing.repair", "房屋维修与漏水", "Repairs and leaks", "housing"),
        new("housing.rental", "租房", "Renting", "housing"),
        new("elderly", "养老服务", "Elderly care", null),
        new("elderly.home_care", "居家养老服务", "Home care", "elderly"),
        new("elderly.meals", "老年助餐", "Meals for the elderly", "elderly"),
        new("elderly.living_alone", "独居老人关爱", "Elderly living alone", "elderly"),
        new("elderly.ageing_friendly", "适老化改造", "Ageing-friendly facilities", "elderly"),
        new("security", "社会治安", "Public security", null),
        new("security.theft", "盗窃", "Theft", "security"),
        new("security.fraud", "诈骗", "Fraud", "security"),
        new("security.dispute", "矛盾纠纷", "Disputes", "security"),
        new("security.fire", "消防安全", "Fire safety", "security"),
        new("market", "市场秩序", "Market order", null),
        new("market.food_safety", "食品安全", "Food safety", "market"),
        new("market.consumer_rights", "消费维权", "Consumer rights", "market"),
        new("market.street_vending", "占道经营", "Street vending", "market"),
        new("market.counterfeit", "假冒伪劣", "Counterfeits", "market"),
        new("utilities", "市政设施", "Utilities", null),
        new("utilities.water_supply", "供水", "Water supply", "utilities"),
        new("utilities.power", "供电", "Power supply", "utilities"),
        new("utilities.gas", "燃气", "Gas", "utilities"),
        new("utilities.streetlight", "路灯", "Street lights", "utilities"),
        new("utilities.drainage", "排水与积水", "Drainage and flooding", "utilities"),
        new("employment", "就业社保", "Jobs and social insurance", null),
        new("employment.wage_arrears", "拖欠工资", "Wage arrears", "employment"),
        new("employment.jobs", "就业创业", "Jobs", "employment"),
        new("employment.social_insurance", "社会保险", "Social insurance", "employment"),
        new("community", "社区服务", "Community services", null),
        new("community.activities", "文体活动", "Culture and sports", "community"),
        new("community.facilities", "公共服务设施", "Public facilities", "community"),
        new("community.affairs", "社区事务办理", "Community affairs", "community"),
        new("emergency", "应急救助", "Emergencies", null),
        new("emergency.medical", "急救医疗", "Medical emergency", "emergency"),
        new("emergency.disaster", "灾害险情", "Disasters and hazards", "emergency"),
        new("other", "其他", "Other", null),
        new("other.general", "其他诉求", "Other requests", "other"),
    ];

    private static readonly Dictionary<string, StandardCategory> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>The entry with <paramref name="code"/>, or <see langword="null"/> if there is none.</summary>
    public static StandardCategory? Find(string code) => ByCode.GetValueOrDefault(code);
}
