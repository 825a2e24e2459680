using System.Linq.Expressions;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>
/// Which whistles a caller may see and act on, from its <see cref="AccessScope"/>: the whole city for city roles, only
/// whistles calling its own department for department staff (token claim <c>department</c>), whistles about or held in
/// its subtree for street and community roles, none for everyone else. Every whistle reader and the whistle
/// subscription apply it; a whistle outside it is not found.
/// </summary>
public static class WhistleScope
{
    public static Expression<Func<Whistle, bool>> Of(AccessScope scope)
    {
        if (!scope.IsEstablished)
        {
            return _ => false;
        }
        var caller = scope.Caller!;
        if (caller.Role == RoleRights.DepartmentStaff)
        {
            var department = caller.Department;
            return w => department != null && w.Departments.Any(d => d.DepartmentCode == department);
        }
        return scope.Right.Scope switch
        {
            DataScope.City => _ => true,
            DataScope.Subtree when scope.JurisdictionPath is { } path && caller.Jurisdiction is { } code =>
                w => w.SubjectJurisdictionPath.StartsWith(path) || w.HolderCode == code,
            _ => _ => false,
        };
    }

    /// <summary>
    /// Refuses, before anything is written, a department action the caller may not take: department staff act only
    /// for the department in their token. City administrators act for any department.
    /// </summary>
    public static void EnsureMayActFor(AccessScope scope, string departmentCode)
    {
        if (!scope.IsEstablished)
        {
            return;
        }
        var caller = scope.Caller!;
        var allowed = scope.Right.Groups.HasFlag(FieldGroup.Dispatch)
            && (caller.Role != RoleRights.DepartmentStaff || string.Equals(caller.Department, departmentCode, StringComparison.Ordinal));
        if (!allowed)
        {
            throw new DomainException(ErrorCodes.Forbidden, $"You may act only for your own department, not for \"{departmentCode}\".");
        }
    }

    /// <summary>Department staff may not ask for another department's whistles by name.</summary>
    public static void EnsureMayRead(AccessScope scope, string? departmentCode)
    {
        if (departmentCode is not null && scope.Caller is { Role: RoleRights.DepartmentStaff } caller
            && !string.Equals(caller.Department, departmentCode, StringComparison.Ordinal))
        {
            throw new DomainException(ErrorCodes.Forbidden, $"You may read only your own department's whistles, not \"{departmentCode}\"'s.");
        }
    }
}
