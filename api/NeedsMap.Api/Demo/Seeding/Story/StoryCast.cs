using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>
/// Who acts in the demo story. Whistles, scenes, consultations and the lists are city administration in
/// <see cref="RoleRights"/>, so the platform's operators act for the community, the street and the bureaus (the subject
/// says for whom); the departments report and resolve as their own staff, as WhistleScope requires.
/// </summary>
internal static class StoryCast
{
    public static readonly Caller JimingshanDesk = Operator("jimingshan-community-desk");
    public static readonly Caller JiangdongStreetDesk = Operator("jiangdong-street-desk");
    public static readonly Caller HealthCommissionDesk = Operator("health-commission-desk");
    public static readonly Caller ReformOffice = Operator("city-reform-office");
    public static readonly Caller EnvironmentClerk = new("environment-zhao", RoleRights.DepartmentStaff, null, null, true, "environment");
    public static readonly Caller EnforcementClerk = new("enforcement-qian", RoleRights.DepartmentStaff, null, null, true, "enforcement");

    private static Caller Operator(string subject) => new(subject, RoleRights.CityAdmin, null, null, true);
}
