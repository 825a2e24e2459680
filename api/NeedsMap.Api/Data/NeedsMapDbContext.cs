using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Channels;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Needs;

namespace NeedsMap.Api.Data;

/// <remarks>
/// Add a migration with:
/// <c>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project api/NeedsMap.Api --output-dir Data/Migrations</c>
/// </remarks>
public sealed class NeedsMapDbContext(DbContextOptions<NeedsMapDbContext> options) : DbContext(options)
{
    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<NeedHistoryEntry> NeedHistory => Set<NeedHistoryEntry>();
    public DbSet<Channels.Quarantine.QuarantinedRecord> QuarantinedRecords => Set<Channels.Quarantine.QuarantinedRecord>();
    public DbSet<Channels.Pull.ChannelCheckpoint> ChannelCheckpoints => Set<Channels.Pull.ChannelCheckpoint>();
    public DbSet<Security.AuditEntry> AuditLog => Set<Security.AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NeedsMapDbContext).Assembly);
    }
}
