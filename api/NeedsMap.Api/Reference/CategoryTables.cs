using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Reference;

/// <summary>
/// The DbContext's sets for categories, declared here (a C# 14 extension) so that Data names no feature: the entity's
/// configuration in this folder puts it in the model (NeedsMapDbContext applies every configuration of the assembly).
/// </summary>
public static class CategoryTables
{
    extension(NeedsMapDbContext db)
    {
        public DbSet<Category> Categories => db.Set<Category>();
    }
}
