using NeedsMap.Api.Cases;
using NeedsMap.Api.KeyMatters.Events;
using NeedsMap.Api.KeyMatters.Topics;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Ingestion;
using Npgsql;

namespace NeedsMap.Api.KeyMatters.Rollups;

/// <summary>
/// Starts the key matters over from the needs, in one transaction: relearns the topics, unlinks every case, then
/// feeds all needs in id order, a batch at a time, through the same linking and tagging the ingestion hook does, and
/// adds them all to the rollups at the end with the grouped statement a bulk batch uses (<see cref="KeyMatterDemandCounter"/>).
/// Used after loading needs with COPY (the demo city, benchmarks), and when the case rules or topics should change.
/// </summary>
public sealed class KeyMatterRebuilder(NpgsqlDataSource dataSource, TopicLearner learner, TopicVocabulary vocabulary,
    KeyMatterRollupWriter writer, CaseOptions caseOptions, TimeProvider time, ILogger<KeyMatterRebuilder> logger)
{
    public const int BatchSize = 5_000;

    public sealed record Result(long Needs, int Topics, long Cases, long Rows, TimeSpan Elapsed);

    public Task<Result> RebuildAsync(CancellationToken cancellationToken) => RebuildAsync(null, cancellationToken);

    /// <param name="progress">Called after each batch with the needs fed so far and in all (rebuild-key-matters draws it).</param>
    public Task<Result> RebuildAsync(Action<long, long>? progress, CancellationToken cancellationToken) =>
        RebuildAsync(progress, BatchSize, cancellationToken);

    /// <param name="batchSize">Needs fed a batch: <see cref="BatchSize"/>, or fewer in a test, so a few thousand needs make many batches.</param>
    internal async Task<Result> RebuildAsync(Action<long, long>? progress, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Data.StatementTimeout.LiftAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, """
            LOCK TABLE cases, need_cases, key_matter_needs, key_matter_demand, topic_terms IN EXCLUSIVE MODE;
            SET LOCAL jit = off; -- each batch's statements would be compiled anew (see RollupApplier)
            DELETE FROM need_cases;
            DELETE FROM cases;
            DELETE FROM key_matter_needs;
            DELETE FROM key_matter_demand;
            """, cancellationToken);
        int topics;
        // Spans on the ingestion source, so the rebuild bench can say where its time goes.
        using (IngestionTelemetry.Source.StartActivity("rebuild:learn-topics"))
        {
            topics = await learner.LearnAsync(connection, time.GetUtcNow(), cancellationToken);
        }
        await vocabulary.ReloadAsync(connection, cancellationToken);
        // Each need's time beside its id (16 bytes a need: 160 MB at ten million), so every batch can tell its statements when
        // its needs were received and PostgreSQL reads the quarters around it alone. Where ids follow time, as they do when
        // needs arrive one by one (and the demo loader writes them so), a batch of 5,000 is a few days of one quarter.
        var ids = new List<long>();
        var times = new List<DateTimeOffset>();
        await using (var read = new NpgsqlCommand("SELECT id, received_at FROM needs ORDER BY id", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                times.Add(reader.GetFieldValue<DateTimeOffset>(1));
            }
        }
        var fed = 0L;
        // One candidate pool for every batch: built once over all needs, it lets each batch's case search meet only the needs
        // of its category in the neighbouring grid cells and weeks instead of walking every need near each point.
        var building = IngestionTelemetry.Source.StartActivity("rebuild:case-pool");
        await using (var pool = await CasePool.AllAsync(connection, caseOptions, cancellationToken))
        {
            building?.Dispose();
            for (var start = 0; start < ids.Count; start += batchSize)
            {
                var length = Math.Min(batchSize, ids.Count - start);
                var batch = ids.GetRange(start, length);
                await writer.ApplyAsync(connection, batch, [], notify: false, cancellationToken, pool, KeyMatterRollupWriter.NewNeeds.Deferred,
                    ReceivedWithin.Of(times.GetRange(start, length)));
                fed += batch.Count;
                progress?.Invoke(fed, ids.Count);
            }
        }
        // The rollups from every need's row at once, into the emptied table: one grouped insert with nothing to merge, where
        // batch after batch of upserts merged each row's reporters again whenever a later batch touched it.
        using (IngestionTelemetry.Source.StartActivity("rebuild:count-all"))
        {
            await KeyMatterDemandCounter.AddAllAsync(connection, cancellationToken);
        }
        // Everything changed: one notification at the top of the tree reaches every subscriber.
        await using (var roots = new NpgsqlCommand("SELECT path FROM jurisdictions WHERE parent_code IS NULL", connection))
        {
            var paths = new List<string>();
            await using (var reader = await roots.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    paths.Add(reader.GetString(0));
                }
            }
            await KeyMatterNotifications.NotifyAsync(connection, paths, cancellationToken);
        }
        var cases = await ScalarAsync(connection, "SELECT count(*) FROM cases", cancellationToken);
        var rows = await ScalarAsync(connection, "SELECT count(*) FROM key_matter_demand", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ExecuteAsync(connection, "ANALYZE key_matter_demand; ANALYZE key_matter_needs; ANALYZE cases;", cancellationToken);
        logger.LogInformation("Rebuilt key matters: {Needs} needs, {Topics} topics, {Cases} cases, {Rows} rollup rows in {Elapsed}",
            ids.Count, topics, cases, rows, started.Elapsed);
        return new Result(ids.Count, topics, cases, rows, started.Elapsed);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Every caller passes one of this class's constant statements.")]
    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Every caller passes one of this class's constant statements.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
