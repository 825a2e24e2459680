using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Demo;

/// <summary>One person the demo lets anyone be; <see cref="Subject"/> is the token's <c>sub</c>.</summary>
public sealed record DemoPersona(string Id, string Role, string Label, string LabelEn, string? Jurisdiction, string? Department,
    string? Channel, string Subject);

/// <summary>
/// The people the platform serves, one per role a newcomer should try: the public, a resident and the community worker of
/// 鸡鸣山社区 (the seed's night-construction-noise story), the officer of 江东街道 above it, a clerk of the ecology and
/// environment bureau the noise whistles call, a deputy of 江东街道, and the city administrator.
/// </summary>
public static class DemoPersonas
{
    public const string Jimingshan = "330782002005";
    public const string Jiangdong = "330782002";

    public static IReadOnlyList<DemoPersona> All { get; } =
    [
        new("public", RoleRights.Public, "公众", "The public", null, null, null, "demo-public"),
        new("resident", RoleRights.Resident, "鸡鸣山社区居民", "A resident of Jimingshan community", Jimingshan, null, null, "demo-resident"),
        new("community_worker", RoleRights.CommunityWorker, "鸡鸣山社区工作者", "Jimingshan community worker", Jimingshan, null, null, "demo-community-worker"),
        new("street_officer", RoleRights.StreetOfficer, "江东街道干部", "Jiangdong street officer", Jiangdong, null, null, "demo-street-officer"),
        new("department_staff", RoleRights.DepartmentStaff, "生态环境分局办事员", "Ecology and environment bureau clerk", null, "environment", null,
            "demo-department-staff"),
        new("deputy", RoleRights.Deputy, "江东街道人大代表", "People's deputy for Jiangdong", Jiangdong, null, null, "demo-deputy"),
        new("city_admin", RoleRights.CityAdmin, "市平台管理员", "City platform administrator", null, null, null, "demo-city-admin"),
    ];

    public static DemoPersona? Find(string? id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
