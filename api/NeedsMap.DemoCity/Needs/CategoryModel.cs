namespace NeedsMap.DemoCity.Needs;

/// <summary>
/// How often each leaf category is raised (relative weights, roughly a county-level 12345 hotline's mix), how that
/// changes with the month, and how villages differ from urban communities.
/// </summary>
internal static class CategoryModel
{
    public static readonly Dictionary<string, double> BaseWeights = new(StringComparer.Ordinal)
    {
        ["noise.construction"] = 3.0, ["noise.commercial"] = 2.5, ["noise.traffic"] = 1.0, ["noise.neighbour"] = 2.0,
        ["noise.square_dance"] = 1.2,
        ["traffic.parking"] = 4.0, ["traffic.congestion"] = 2.0, ["traffic.road_damage"] = 2.0, ["traffic.signals"] = 1.0,
        ["traffic.public_transport"] = 1.5, ["traffic.ebike"] = 1.5,
        ["environment.garbage"] = 3.0, ["environment.air"] = 2.0, ["environment.water"] = 1.0,
        ["environment.greening"] = 1.0, ["environment.sanitation"] = 2.0,
        ["education.enrollment"] = 2.0, ["education.school_safety"] = 1.0, ["education.childcare"] = 0.8,
        ["education.after_school"] = 0.7,
        ["health.vaccination"] = 1.0, ["health.clinic"] = 1.5, ["health.public_health"] = 0.8,
        ["health.medical_insurance"] = 1.2,
        ["housing.property_management"] = 4.0, ["housing.elevator"] = 1.0, ["housing.renovation"] = 1.2,
        ["housing.repair"] = 2.0, ["housing.rental"] = 1.5,
        ["elderly.home_care"] = 0.8, ["elderly.meals"] = 0.6, ["elderly.living_alone"] = 0.6,
        ["elderly.ageing_friendly"] = 0.5,
        ["security.theft"] = 1.0, ["security.fraud"] = 1.0, ["security.dispute"] = 1.5, ["security.fire"] = 1.0,
        ["market.food_safety"] = 1.5, ["market.consumer_rights"] = 2.5, ["market.street_vending"] = 2.0,
        ["market.counterfeit"] = 1.0,
        ["utilities.water_supply"] = 1.5, ["utilities.power"] = 1.0, ["utilities.gas"] = 0.8,
        ["utilities.streetlight"] = 1.2, ["utilities.drainage"] = 1.2,
        ["employment.wage_arrears"] = 2.0, ["employment.jobs"] = 0.8, ["employment.social_insurance"] = 1.2,
        ["community.activities"] = 0.5, ["community.facilities"] = 1.0, ["community.affairs"] = 1.0,
        ["emergency.medical"] = 0.6, ["emergency.disaster"] = 0.4,
        ["other.general"] = 1.0,
        // Added with the hotline-aligned taxonomy (issue #16). Zero keeps Yiwu's generated year exactly as it was
        // (a weighted table skips zero weights, so every other draw is unchanged); give them weight to show them.
        ["traffic.taxi"] = 0, ["traffic.vehicle_admin"] = 0, ["education.teachers"] = 0, ["education.fees"] = 0,
        ["education.culture_sports"] = 0, ["health.family_planning"] = 0, ["housing.purchase"] = 0,
        ["housing.public_housing"] = 0, ["security.household_registration"] = 0, ["security.justice"] = 0,
        ["utilities.heating"] = 0, ["utilities.telecom"] = 0, ["employment.pension"] = 0,
        ["employment.labour_relations"] = 0, ["employment.personnel"] = 0, ["urban.illegal_construction"] = 0,
        ["urban.planning"] = 0, ["urban.land_compensation"] = 0, ["urban.city_appearance"] = 0, ["commerce.tourism"] = 0,
        ["commerce.business"] = 0, ["commerce.delivery"] = 0, ["agriculture.farming"] = 0,
        ["agriculture.village_affairs"] = 0, ["civil.assistance"] = 0, ["civil.registry"] = 0,
    };

    // January … December. Exact codes win over their top-level entry.
    private static readonly Dictionary<string, double[]> Seasonal = new(StringComparer.Ordinal)
    {
        // 招生: registration in May–June, allocation July, appeals August.
        ["education.enrollment"] = [0.3, 0.3, 0.5, 0.9, 2.0, 4.0, 4.5, 3.5, 1.2, 0.3, 0.3, 0.3],
        ["education.after_school"] = [0.8, 0.6, 1.0, 1.0, 1.0, 1.2, 1.8, 1.8, 1.5, 0.9, 0.8, 0.8],
        ["education.school_safety"] = [0.9, 0.4, 1.2, 1.1, 1.1, 1.0, 0.3, 0.3, 1.6, 1.2, 1.1, 1.0],
        // Spring wave (children's and HPV campaigns) and the autumn flu wave.
        ["health.vaccination"] = [1.0, 0.8, 1.8, 2.0, 1.2, 0.8, 0.7, 0.8, 1.2, 3.0, 3.0, 1.5],
        ["health.clinic"] = [1.4, 1.1, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.1, 1.3],
        ["health.public_health"] = [0.5, 0.5, 0.7, 0.9, 1.2, 1.8, 2.0, 2.0, 1.5, 0.8, 0.6, 0.5],
        // Windows open in summer; construction pauses over the Spring Festival.
        ["noise"] = [0.7, 0.7, 0.8, 0.9, 1.1, 1.5, 1.7, 1.7, 1.3, 1.0, 0.8, 0.7],
        ["noise.construction"] = [0.7, 0.4, 1.0, 1.1, 1.2, 1.5, 1.6, 1.5, 1.2, 1.0, 1.0, 0.9],
        ["noise.square_dance"] = [0.4, 0.4, 0.7, 1.0, 1.3, 1.7, 1.9, 1.9, 1.4, 1.0, 0.6, 0.4],
        // 梅雨 in June–July, typhoons in August–September.
        ["utilities.drainage"] = [0.5, 0.5, 0.8, 1.0, 1.5, 3.5, 3.0, 2.0, 1.5, 0.7, 0.5, 0.5],
        ["emergency.disaster"] = [0.3, 0.3, 0.5, 0.7, 1.2, 2.5, 3.0, 3.5, 2.0, 0.8, 0.4, 0.3],
        ["utilities.power"] = [1.2, 1.0, 0.8, 0.8, 1.0, 1.6, 2.4, 2.4, 1.3, 0.8, 0.8, 1.1],
        ["utilities.gas"] = [1.8, 1.6, 1.1, 0.8, 0.7, 0.6, 0.6, 0.6, 0.7, 0.9, 1.2, 1.6],
        ["security.fire"] = [1.4, 1.3, 1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.4],
        // Wages are chased before the Spring Festival.
        ["employment.wage_arrears"] = [3.0, 1.2, 0.7, 0.6, 0.6, 0.6, 0.7, 0.7, 0.8, 0.9, 1.4, 3.5],
        // 3·15 and 双11.
        ["market.consumer_rights"] = [1.0, 0.8, 2.0, 1.0, 0.9, 1.0, 0.9, 0.9, 1.0, 1.1, 2.0, 1.3],
        // Migrant workers come back and look for rooms after the Spring Festival.
        ["housing.rental"] = [0.8, 1.6, 2.0, 1.2, 0.9, 0.9, 1.0, 1.0, 0.9, 0.8, 0.8, 0.9],
        ["environment.garbage"] = [1.1, 1.4, 0.9, 0.9, 1.0, 1.2, 1.3, 1.3, 1.0, 0.9, 0.9, 1.0],
        ["environment.air"] = [1.3, 1.2, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.2, 1.3],
        ["elderly.living_alone"] = [1.5, 1.3, 1.0, 0.9, 0.9, 1.1, 1.4, 1.4, 1.0, 0.9, 1.0, 1.3],
        // Pre-festival logistics in January, the Yiwu Fair in October.
        ["traffic.congestion"] = [1.4, 1.2, 1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 1.0, 1.3, 1.1, 1.1],
    };

    // Villages have no property companies or lifts but more road, water and sanitation problems.
    private static readonly Dictionary<string, double> VillageFactors = new(StringComparer.Ordinal)
    {
        ["housing.property_management"] = 0.15, ["housing.elevator"] = 0.05, ["housing.renovation"] = 0.3,
        ["traffic.parking"] = 0.4, ["traffic.congestion"] = 0.5, ["traffic.public_transport"] = 1.6,
        ["traffic.road_damage"] = 2.0, ["utilities.water_supply"] = 1.6, ["utilities.streetlight"] = 1.6,
        ["environment.sanitation"] = 1.5, ["environment.garbage"] = 1.3, ["environment.air"] = 1.4,
        ["environment.water"] = 1.6, ["security.dispute"] = 1.4, ["housing.rental"] = 1.3,
        ["noise.square_dance"] = 0.5, ["noise.commercial"] = 0.5, ["market.consumer_rights"] = 0.6,
        ["elderly.living_alone"] = 1.6,
    };

    public static double SeasonalFactor(string code, int month)
    {
        if (Seasonal.TryGetValue(code, out var exact))
        {
            return exact[month - 1];
        }
        var top = code[..code.IndexOf('.', StringComparison.Ordinal)];
        return Seasonal.TryGetValue(top, out var byTop) ? byTop[month - 1] : 1.0;
    }

    public static double VillageFactor(string code) => VillageFactors.GetValueOrDefault(code, 1.0);

    /// <summary>Night-time categories are reported in the evening and at night; the rest in office hours.</summary>
    public static bool IsNightCategory(string code) =>
        code.StartsWith("noise.", StringComparison.Ordinal) || code is "security.theft" or "emergency.medical";
}
