using NeedsMap.Api.Channels.Inbox;
using NeedsMap.Api.Data;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Pull;

/// <summary>Polls one pull source from its stored checkpoint until it has no more, storing the checkpoint after each batch.</summary>
public sealed class ChannelPuller(NeedsMapDbContext db, ChannelReceiver receiver, ChannelStats stats, TimeProvider time)
{
    public const int MaxBatchesPerPoll = 100;

    public async Task<int> PollAsync(string channelCode, IPullSource source, CancellationToken cancellationToken)
    {
        var checkpoint = await db.Set<ChannelCheckpoint>().FindAsync([channelCode], cancellationToken);
        if (checkpoint is null)
        {
            checkpoint = new ChannelCheckpoint { ChannelCode = channelCode };
            db.Add(checkpoint);
        }
        var stored = 0;
        for (var i = 0; i < MaxBatchesPerPoll; i++)
        {
            PullBatch batch;
            try
            {
                var from = checkpoint.Checkpoint;
                batch = await receiver.RunIsolatedTaskAsync(limit => source.PullAsync(from, receiver.Context(channelCode, limit)), cancellationToken);
            }
            catch (ChannelReceiver.PluginFailure failure)
            {
                await stats.RecordAsync(channelCode, DeliveryCounts.None, failure.Message, cancellationToken);
                break;
            }
            var result = await receiver.StoreAsync(channelCode, batch.Records, batch.Rejected, "application/json", $"pull:{channelCode}", cancellationToken);
            stored += result.Accepted;
            checkpoint.Checkpoint = batch.NextCheckpoint;
            checkpoint.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            if (!batch.HasMore)
            {
                break;
            }
        }
        return stored;
    }
}
