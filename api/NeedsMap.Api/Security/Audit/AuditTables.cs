using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Security.Audit;

/// <summary>
/// The DbContext's sets for the audit log, declared here (a C# 14 extension) so that Data names no feature: the entity's
/// configuration in this folder puts it in the model (NeedsMapDbContext applies every configuration of the assembly).
/// </summary>
public static class AuditTables
{
    extension(NeedsMapDbContext db)
    {
        public DbSet<AuditEntry> AuditLog => db.Set<AuditEntry>();
    }
}
