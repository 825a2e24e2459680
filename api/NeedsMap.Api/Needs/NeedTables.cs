using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Needs;

/// <summary>
/// The DbContext's sets for needs and their history, declared here (a C# 14 extension) so that Data names no feature: the entity's
/// configuration in this folder puts it in the model (NeedsMapDbContext applies every configuration of the assembly).
/// </summary>
public static class NeedTables
{
    extension(NeedsMapDbContext db)
    {
        public DbSet<Need> Needs => db.Set<Need>();
        public DbSet<NeedHistoryEntry> NeedHistory => db.Set<NeedHistoryEntry>();
    }
}
