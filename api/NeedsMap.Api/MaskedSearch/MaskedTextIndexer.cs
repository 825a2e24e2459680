using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Security.Privacy;
using Npgsql;

namespace NeedsMap.Api.MaskedSearch;

/// <summary>
/// At start, masks the texts that have no masked copy yet or one made by an older <see cref="PersonalDataMask.Version"/>
/// (needs stored before this table existed, or a masking that got better), a batch at a time, then stops: from then on
/// <see cref="MaskedTextWriter"/> keeps the table current. Until a need is caught up, masked roles' text searches do not
/// find it, which hides rather than shows. A bulk file's counting leaves its texts to <see cref="CatchUpAsync"/> too
/// (<see cref="MaskedTextWriter"/>), which <c>ingest</c> runs once the file is counted.
/// </summary>
public sealed class MaskedTextIndexer(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<MaskedTextIndexer> logger)
    : BackgroundService, INeedCatchUp
{
    /// <summary>
    /// Whether a server catches up at start (true by default). Of several servers on one database one is enough; masking costs a
    /// millisecond or two of jieba a text, so ten million needs loaded by <c>COPY</c> take hours of two cores, which a benchmark
    /// of other questions turns off rather than share its cores with.
    /// </summary>
    public const string CatchUpAtStartSetting = "NeedsMap:MaskedSearch:CatchUpAtStart";

    /// <summary>Needs masked per batch (the tests make it small to walk many batches).</summary>
    internal int BatchSize { get; set; } = 2_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(CatchUpAtStartSetting, true))
        {
            logger.LogInformation("Not catching up masked need texts at start ({Setting} is false)", CatchUpAtStartSetting);
            return;
        }
        try
        {
            var total = await CatchUpAsync(stoppingToken);
            if (total > 0)
            {
                logger.LogInformation("Masked {Count} need texts for masked roles' searches", total);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Searches by masked roles miss what is not caught up; the next start tries again.
            logger.LogWarning(ex, "Catching up masked need texts failed");
        }
    }

    /// <summary>Masks every text that needs it; returns how many.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        if (await AllCurrentAsync(cancellationToken))
        {
            return 0;
        }
        var total = 0;
        // Keyset over ids: each batch starts after the last one's, instead of walking every masked need again. The ids are walked in
        // need_keys (one table, its key in id order), not in needs (partitioned by time, so ids in order are a merge over every
        // partition), and the masked copies from the same id on (the planner does not carry the bound over the join itself): at
        // 10 million needs, half masked, a batch took 3.3–5.6 s the other ways (a hash anti join over every need), 52 ms this way.
        var after = 0L;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var batch = new List<(long Id, string Text)>(BatchSize);
            await using (var command = new NpgsqlCommand($"""
                SELECT n.id, n.text
                FROM (SELECT k.need_id FROM need_keys k
                      WHERE k.need_id > @after
                        AND NOT EXISTS (SELECT 1 FROM {MaskedTexts.Table} m WHERE m.need_id = k.need_id AND m.need_id > @after AND m.version >= @version)
                      ORDER BY k.need_id LIMIT @limit) k
                JOIN needs n ON n.id = k.need_id
                ORDER BY n.id
                """, connection))
            {
                command.Parameters.AddWithValue("version", PersonalDataMask.Version);
                command.Parameters.AddWithValue("limit", BatchSize);
                command.Parameters.AddWithValue("after", after);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    batch.Add((reader.GetInt64(0), reader.GetString(1)));
                }
            }
            if (batch.Count == 0)
            {
                return total;
            }
            await MaskedTexts.StoreAsync(connection, batch, overwriteSameVersion: false, cancellationToken);
            after = batch[^1].Id;
            total += batch.Count;
            if (batch.Count < BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Whether every need has a masked copy from this masking or a later one, counted in one snapshot. A copy belongs to one
    /// need key (its primary key, and a foreign key that goes with the need), so equal counts mean none is missing. Every
    /// server start asks; on a caught-up database it costs two counts (1.0 s at 10 million needs, 0.2 s at 1 million, warm)
    /// instead of the walk over every key that found nothing (5.8 s and 1.0 s), on every server at every start.
    /// </summary>
    internal async Task<bool> AllCurrentAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT count(*) FROM need_keys) = (SELECT count(*) FROM {MaskedTexts.Table} WHERE version >= @version)
            """);
        command.Parameters.AddWithValue("version", PersonalDataMask.Version);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
