using NeedsMap.Api.Common.Telemetry;
using NeedsMap.Api.Needs.Ingestion;
using Npgsql;

namespace NeedsMap.Api.Needs.Rollups;

/// <summary>
/// Counts the pending changes of needs (<see cref="PendingRollup"/>) into the derived tables through the write hooks,
/// a batch per transaction, after the ingestion that stored them has committed. A small delivery waits for its own
/// changes (<see cref="ApplyAsync(long?, CancellationToken)"/> with its last sequence number), so what a caller reads next already counts them;
/// a bulk file only signals, and the background service counts while the next chunk is parsed and stored.
/// Any server may apply: the advisory lock makes them take turns, and a taken change is deleted in the same
/// transaction, so a crash leaves it pending for the next turn instead of counting it twice or never.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim holds no handle until AvailableWaitHandle is read, which this code never does; it lives as long as its owner.")]
public sealed class RollupApplier(NpgsqlDataSource dataSource, IEnumerable<INeedWriteHook> hooks, ILogger<RollupApplier> logger)
{
    /// <summary>The transaction-level advisory lock under which derived tables change ("need_rol").</summary>
    public const long RollupLockKey = 0x6E65_6564_5F72_6F6C;

    /// <summary>Changes counted per transaction: large enough that a bulk load aggregates well, small enough to keep locks short.</summary>
    public const int BatchSize = 20_000;

    private const string Take = """
        DELETE FROM pending_rollups WHERE seq IN (
          SELECT seq FROM pending_rollups WHERE seq <= @through ORDER BY seq LIMIT @limit)
        RETURNING need_id, before_longitude, before_latitude, before_received_at, before_category_code, before_channel_code,
          before_weight, after_longitude, after_latitude, after_received_at, after_category_code, after_channel_code, after_weight,
          jurisdiction_code, jurisdiction_path
        """;

    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>
    /// Held (shared) by every bulk file being stored, on any server: background counting waits while one is, so a file is
    /// stored whole first and counted after in large batches, instead of the two fighting over the same cores chunk by chunk.
    /// A delivery waiting for its own counts (<see cref="ApplyAsync(long?, CancellationToken)"/>) does not wait for it.
    /// </summary>
    public const long BulkLoadLockKey = 0x6E65_6564_5F62_756C;

    /// <summary>Holds background counting back, on every server, until the returned handle is disposed.</summary>
    public async Task<IAsyncDisposable> HoldAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var hold = new NpgsqlCommand("SELECT pg_advisory_lock_shared(@key)", connection);
        hold.Parameters.AddWithValue("key", BulkLoadLockKey);
        await hold.ExecuteNonQueryAsync(cancellationToken);
        return new BulkLoadHold(connection, this);
    }

    /// <summary>
    /// What the background service runs: everything pending, batch by batch, stopping at the first batch that finds a bulk
    /// file being stored somewhere (its count follows the file).
    /// </summary>
    internal Task<int> ApplyInBackgroundAsync(CancellationToken cancellationToken) => ApplyAsync(null, yieldToBulkLoads: true, cancellationToken);

    /// <summary>Wakes the background service: there is something to count.</summary>
    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller signalled in between; one wake-up is enough.
            }
        }
    }

    /// <summary>True when signalled, false when the wait timed out.</summary>
    internal Task<bool> WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>Counts every pending change up to <paramref name="through"/> (all when null), whoever stored it; returns how many.</summary>
    public Task<int> ApplyAsync(long? through, CancellationToken cancellationToken) => ApplyAsync(through, yieldToBulkLoads: false, cancellationToken);

    private async Task<int> ApplyAsync(long? through, bool yieldToBulkLoads, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // JIT off for the batch: counting's statements are large nested loops over a batch's arrays, costed high enough
            // that PostgreSQL compiled and optimised each one anew (seconds on a busy machine) for work measured in milliseconds a row.
            await using (var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key); SET LOCAL jit = off", connection))
            {
                turn.Parameters.AddWithValue("key", RollupLockKey);
                await turn.ExecuteNonQueryAsync(cancellationToken);
            }
            if (yieldToBulkLoads && !await NoBulkLoadAsync(connection, cancellationToken))
            {
                await transaction.CommitAsync(cancellationToken);
                return total;
            }
            var changes = await TakeAsync(connection, through ?? long.MaxValue, cancellationToken);
            if (changes.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return total;
            }
            using (IngestionTelemetry.Source.StartActivity("hooks"))
            {
                foreach (var hook in hooks)
                {
                    using var span = IngestionTelemetry.Source.StartActivity("hook:" + hook.GetType().Name);
                    await hook.OnStoredAsync(connection, changes, cancellationToken);
                }
            }
            await transaction.CommitAsync(cancellationToken);
            NeedsMapMetrics.RollupsCounted(changes.Count);
            total += changes.Count;
            logger.LogDebug("Counted {Count} need changes into the derived tables", changes.Count);
        }
    }

    // Held until this batch commits, so a file that starts meanwhile waits for the batch, and the next batch sees the file.
    private static async Task<bool> NoBulkLoadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var probe = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection);
        probe.Parameters.AddWithValue("key", BulkLoadLockKey);
        return await probe.ExecuteScalarAsync(ct) is true;
    }

    private static async Task<List<StoredNeedChange>> TakeAsync(NpgsqlConnection connection, long through, CancellationToken ct)
    {
        var changes = new List<StoredNeedChange>();
        await using var take = new NpgsqlCommand(Take, connection);
        take.Parameters.AddWithValue("through", through);
        take.Parameters.AddWithValue("limit", BatchSize);
        await using var reader = await take.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var before = reader.IsDBNull(1) ? null : new NeedFacts(reader.GetDouble(1), reader.GetDouble(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4), reader.GetString(5), reader.GetDouble(6));
            var after = new NeedFacts(reader.GetDouble(7), reader.GetDouble(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetString(10),
                reader.GetString(11), reader.GetDouble(12));
            changes.Add(new StoredNeedChange(reader.GetInt64(0), before, after, reader.GetString(13), reader.GetString(14)));
        }
        return changes;
    }

    // Closing the session releases the lock; the pool resets the connection, so no lock outlives the hold.
    private sealed class BulkLoadHold(NpgsqlConnection connection, RollupApplier applier) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock_shared(@key)", connection);
                release.Parameters.AddWithValue("key", BulkLoadLockKey);
                await release.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // A broken session has released its locks with it.
            }
            finally
            {
                await connection.DisposeAsync();
                applier.Signal();
            }
        }
    }
}
