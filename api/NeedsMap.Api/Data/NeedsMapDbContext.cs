using Microsoft.EntityFrameworkCore;

namespace NeedsMap.Api.Data;

/// <summary>
/// The one DbContext. It names no feature: each feature's entity configurations (<c>IEntityTypeConfiguration</c>) are
/// applied from the assembly, and the sets callers use (<c>db.Needs</c>) are extension members in the features' folders.
/// </summary>
/// <remarks>
/// Add a migration with:
/// <c>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project api/NeedsMap.Api --output-dir Data/Migrations</c>
/// </remarks>
public sealed class NeedsMapDbContext(DbContextOptions<NeedsMapDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NeedsMapDbContext).Assembly);
    }
}
