using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Security.Audit;

/// <summary>
/// The audit log (who read a reporter's contact, who exported what) and its <c>auditLog</c> fields. Registered from
/// <c>SecurityModule</c> at the place it always had, so the order of the root fields (and the printed schema) holds.
/// </summary>
public static class AuditModule
{
    public static IServiceCollection AddNeedsMapAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IQueryFields, AuditQueries>();
        return services;
    }
}
