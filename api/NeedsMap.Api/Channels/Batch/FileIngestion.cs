using NeedsMap.Api.Channels.Inbox;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Sdk;
using Npgsql;

namespace NeedsMap.Api.Channels.Batch;

/// <summary>
/// What a file ingestion did so far: records parsed, stored and quarantined, and whether the derived tables (cells, key
/// matters, cases) count everything stored yet — the last report, once they do.
/// </summary>
public sealed record FileIngestProgress(int Parsed, int Done, int Accepted, int Rejected, bool Counted = false);

/// <summary>
/// A whole file in a channel's native format through the channel's plugin and the same pipeline as the inbox,
/// one transaction per chunk, so a large file neither holds one huge transaction nor loses what was stored when
/// a later chunk fails. Every chunk is announced to subscribers as it commits; the derived tables count the file once
/// it is all stored (background counting, on every server, is held meanwhile), in large batches, and the file is done when
/// they have caught up (<see cref="FileIngestProgress.Counted"/>). Work the counting leaves out of a bulk file (masking texts
/// for masked roles' searches: <see cref="BulkCounting"/>) is caught up after that report, before the file is done.
/// What <c>ingest</c> runs, and what the ingest benchmark measures.
/// </summary>
public sealed class FileIngestion(ChannelReceiver receiver, RollupApplier rollups, IEnumerable<INeedCatchUp> catchUps)
{
    public const int DefaultChunkSize = 5000;

    private const int ChunksInFlight = 2;

    public async Task<FileIngestProgress> IngestAsync(string channel, ChannelPayload payload, string actor, Action<FileIngestProgress>? progress,
        CancellationToken cancellationToken, int chunkSize = DefaultChunkSize)
    {
        var adapter = receiver.AdapterFor(channel);
        ParseResult parsed;
        using (IngestionTelemetry.Source.StartActivity("parse"))
        {
            parsed = await receiver.RunIsolatedAsync(limit => adapter.Parse(payload, receiver.Context(channel, limit)), cancellationToken);
        }
        var chunks = parsed.Records.Chunk(chunkSize).ToList();
        var state = new FileIngestProgress(parsed.Records.Count, 0, 0, 0);
        await using (await rollups.HoldAsync(cancellationToken))
        {
            // Two chunks in flight: one is prepared (classified, converted) here while the other is in the database.
            var inFlight = new Queue<(int Count, Task<ReceiveResult> Store)>();
            for (var i = 0; i < Math.Max(1, chunks.Count); i++)
            {
                var records = chunks.Count == 0 ? [] : chunks[i];
                var rejects = i == 0 ? parsed.Rejected : [];
                inFlight.Enqueue((records.Length, StoreAsync(channel, records, rejects, payload.ContentType, actor, cancellationToken)));
                if (inFlight.Count == ChunksInFlight)
                {
                    state = await ReportAsync(inFlight.Dequeue(), state, progress);
                }
            }
            while (inFlight.Count > 0)
            {
                state = await ReportAsync(inFlight.Dequeue(), state, progress);
            }
            // Counted before the hold ends: background appliers (on every server) keep yielding, so the file is counted here
            // as one bulk count, not by whichever server wakes first (which would count it as deliveries are counted).
            using (IngestionTelemetry.Source.StartActivity("catch-up"))
            using (BulkCounting.Begin())
            {
                await rollups.ApplyAsync(null, cancellationToken);
            }
        }
        state = state with { Counted = true };
        progress?.Invoke(state);
        foreach (var catchUp in catchUps)
        {
            using var span = IngestionTelemetry.Source.StartActivity("after-counting:" + catchUp.GetType().Name);
            await catchUp.CatchUpAsync(cancellationToken);
        }
        return state;
    }

    private static async Task<FileIngestProgress> ReportAsync((int Count, Task<ReceiveResult> Store) chunk, FileIngestProgress state,
        Action<FileIngestProgress>? progress)
    {
        var result = await chunk.Store;
        state = state with { Done = state.Done + chunk.Count, Accepted = state.Accepted + result.Accepted, Rejected = state.Rejected + result.Rejected };
        progress?.Invoke(state);
        return state;
    }

    // Two chunks carrying the same records could lock them in opposite orders; the loser of a deadlock rolled back
    // whole, so it simply runs again.
    private async Task<ReceiveResult> StoreAsync(string channel, NeedRecord[] records, IReadOnlyList<RejectedRecord> rejects, string contentType,
        string actor, CancellationToken cancellationToken)
    {
        await Task.Yield();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await receiver.StoreAsync(channel, records, rejects, contentType, actor, cancellationToken, awaitRollups: false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
            }
        }
    }
}
