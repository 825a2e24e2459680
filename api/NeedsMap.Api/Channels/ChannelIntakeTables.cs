using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Channels;

/// <summary>
/// The DbContext's sets for the channels' quarantine and pull checkpoints (a C# 14 extension, so that Data names no
/// feature). The channel entity itself is catalog data, in <c>Reference/ChannelTables</c>.
/// </summary>
public static class ChannelIntakeTables
{
    extension(NeedsMapDbContext db)
    {
        public DbSet<Quarantine.QuarantinedRecord> QuarantinedRecords => db.Set<Quarantine.QuarantinedRecord>();
        public DbSet<Pull.ChannelCheckpoint> ChannelCheckpoints => db.Set<Pull.ChannelCheckpoint>();
    }
}
