using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Cost;

/// <summary>
/// One role's share of the database. <see cref="RequestCost"/> and <see cref="ExpensiveFields"/> are checked before a
/// request runs, from the document (<see cref="DocumentCost"/>); <see cref="RequestSeconds"/> cancels a request that runs
/// longer; <see cref="CallerSecondsPerMinute"/> is each caller's measured time, refilled continuously (a minute's worth at
/// most); <see cref="Concurrent"/> requests of one caller run at once, the next ones wait in a short queue.
/// </summary>
public sealed record CostLimit(string Role, int RequestCost, int ExpensiveFields, double RequestSeconds, double CallerSecondsPerMinute, int Concurrent)
{
    public TimeSpan RequestTime => TimeSpan.FromSeconds(RequestSeconds);
}

/// <summary>
/// THE table of database budgets per role (issue #17 item 2), with the limits every document meets whatever the role.
/// Settings <c>NeedsMap:Cost:Roles:&lt;role&gt;:&lt;property&gt;</c> override a role's row (tests use it to make budgets tiny).
/// </summary>
public static class CostLimits
{
    /// <summary>Fields written in one document, before fragments are followed (GraphQL.NET's validation is quadratic in them).</summary>
    public const int MaxFieldNodes = 2_000;

    /// <summary>Fields once every fragment spread is followed as written: a fragment spread twice per level doubles per level.</summary>
    public const long MaxExpandedFields = 20_000;

    /// <summary>Fields merged under one response key in one selection set (each pair is compared by validation).</summary>
    public const int MaxSameKey = 50;

    public static readonly IReadOnlyList<CostLimit> All =
    [
        new(RoleRights.CityAdmin, 5_000, 20, 30, 300, 4),
        new(RoleRights.StreetOfficer, 3_000, 20, 20, 180, 4),
        new(RoleRights.CommunityWorker, 2_000, 10, 15, 120, 4),
        new(RoleRights.DepartmentStaff, 2_000, 10, 15, 120, 4),
        new(RoleRights.Deputy, 1_000, 10, 10, 60, 4),
        new(RoleRights.Resident, 500, 5, 10, 30, 4),
        new(RoleRights.ChannelIntegrator, 1_000, 10, 10, 60, 4),
        new(RoleRights.Public, 500, 5, 5, 30, 4),
    ];

    public static CostLimit For(string role) => All.FirstOrDefault(l => l.Role == role) ?? All.First(l => l.Role == RoleRights.Public);
}
