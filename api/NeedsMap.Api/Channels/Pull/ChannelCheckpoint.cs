using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Channels.Pull;

/// <summary>Where a pull source stopped; the next poll, even after a restart, resumes from here.</summary>
public sealed class ChannelCheckpoint
{
    public required string ChannelCode { get; init; }
    public string? Checkpoint { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ChannelCheckpointConfiguration : IEntityTypeConfiguration<ChannelCheckpoint>
{
    public void Configure(EntityTypeBuilder<ChannelCheckpoint> builder)
    {
        builder.ToTable("channel_checkpoints");
        builder.HasKey(c => c.ChannelCode);
        builder.Property(c => c.ChannelCode).HasMaxLength(32);
        builder.Property(c => c.Checkpoint).HasMaxLength(2000);
    }
}
