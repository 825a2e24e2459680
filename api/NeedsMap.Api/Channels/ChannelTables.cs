using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Channels;

/// <summary>
/// The DbContext's sets for channels, their quarantine and pull checkpoints, declared here (a C# 14 extension) so that Data names no feature: the entity's
/// configuration in this folder puts it in the model (NeedsMapDbContext applies every configuration of the assembly).
/// </summary>
public static class ChannelTables
{
    extension(NeedsMapDbContext db)
    {
        public DbSet<Channel> Channels => db.Set<Channel>();
        public DbSet<Quarantine.QuarantinedRecord> QuarantinedRecords => db.Set<Quarantine.QuarantinedRecord>();
        public DbSet<Pull.ChannelCheckpoint> ChannelCheckpoints => db.Set<Pull.ChannelCheckpoint>();
    }
}
