using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Reference;

/// <summary>
/// The DbContext's set of channels, declared here (a C# 14 extension) so that Data names no feature: the entity's
/// configuration in this folder puts it in the model (NeedsMapDbContext applies every configuration of the assembly).
/// The channels' own quarantine and pull checkpoints are declared by the Channels feature (<c>Channels/ChannelIntakeTables</c>).
/// </summary>
public static class ChannelTables
{
    extension(NeedsMapDbContext db)
    {
        public DbSet<Channel> Channels => db.Set<Channel>();
    }
}
