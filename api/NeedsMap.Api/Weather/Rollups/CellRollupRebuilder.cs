using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Grid;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// Recomputes every need's weight from the current channel and category weights, then rebuilds <c>cells</c> and
/// <c>cell_demand</c> from the needs, in one transaction. Readers keep seeing the old rollups until it commits;
/// ingestion waits on the table lock, so no increment is lost or counted twice. Every server is told to forget its
/// cached cells (<see cref="CellNotifications.EverythingChanged"/>).
/// </summary>
public sealed class CellRollupRebuilder(NpgsqlDataSource dataSource, IHexGrid grid, CityDays days, CellAnswerCache answers,
    CellDirectory directory, Reference.CityClock clock, ILogger<CellRollupRebuilder> logger)
{
    public sealed record Result(long Needs, long Cells, long Rows, TimeSpan Elapsed);

    /// <summary>How far a rebuild has come: <paramref name="Step"/> of <paramref name="Steps"/>, and what was just done.</summary>
    public sealed record Progress(int Step, int Steps, string Done);

    private readonly record struct Key(int Q, int R, DateOnly Day, string Category, string Channel);

    public Task<Result> RebuildAsync(CancellationToken cancellationToken) => RebuildAsync(null, cancellationToken);

    public async Task<Result> RebuildAsync(IProgress<Progress>? progress, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var steps = grid.Resolutions.Count + 3;
        var step = 0;
        void Report(string done)
        {
            step++;
            progress?.Report(new Progress(step, steps, done));
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Data.StatementTimeout.LiftAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The rollup applier's turn first, holding nothing yet: needStats' rollup is recounted in this transaction and no fold may
        // run beside it (the applier then waits here instead of on the cells' lock, as before).
        await using (var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection))
        {
            turn.Parameters.AddWithValue("key", Needs.Rollups.RollupApplier.RollupLockKey);
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }
        await ExecuteAsync(connection, """
            -- The same order ingestion takes them in (cells, then cell_demand), so the two cannot deadlock.
            LOCK TABLE cells, cell_demand, cell_demand_blocks IN EXCLUSIVE MODE;
            UPDATE needs n SET weight = ch.weight * c.weight
            FROM channels ch, categories c
            WHERE ch.code = n.channel_code AND c.code = n.category_code AND n.weight IS DISTINCT FROM ch.weight * c.weight;
            DELETE FROM cell_demand;
            DELETE FROM cell_demand_blocks;
            DELETE FROM cells;
            CREATE TEMP TABLE rebuild_cells (res smallint, q int, r int, id text, centre geometry, boundary geometry) ON COMMIT DROP;
            CREATE TEMP TABLE rebuild_demand (res smallint, q int, r int, day date, cat text, chan text, cnt int, w float8) ON COMMIT DROP;
            """, cancellationToken);
        Report("weights recomputed from channel and category weights; old rollups cleared (uncommitted)");
        long needs = 0, rows = 0, cells = 0;
        foreach (var resolution in grid.Resolutions)
        {
            var totals = new Dictionary<Key, (int Count, double Weight)>();
            needs = 0;
            await using (var read = new NpgsqlCommand(
                "SELECT ST_X(location), ST_Y(location), received_at, category_code, channel_code, weight FROM needs", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    needs++;
                    var cell = grid.CellAt(reader.GetDouble(0), reader.GetDouble(1), resolution);
                    var key = new Key(cell.Q, cell.R, days.DayOf(reader.GetFieldValue<DateTimeOffset>(2)), reader.GetString(3), reader.GetString(4));
                    var (count, weight) = totals.GetValueOrDefault(key);
                    totals[key] = (count + 1, weight + reader.GetDouble(5));
                }
            }
            var distinct = totals.Keys.Select(k => new HexCell(resolution, k.Q, k.R)).Distinct().ToList();
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY rebuild_cells (res, q, r, id, centre, boundary) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var cell in distinct)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync((short)resolution, NpgsqlDbType.Smallint, cancellationToken);
                    await copy.WriteAsync(cell.Q, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(cell.R, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(cell.Id, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(grid.Centre(cell), NpgsqlDbType.Geometry, cancellationToken);
                    await copy.WriteAsync(grid.Polygon(cell), NpgsqlDbType.Geometry, cancellationToken);
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY rebuild_demand (res, q, r, day, cat, chan, cnt, w) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var (key, value) in totals)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync((short)resolution, NpgsqlDbType.Smallint, cancellationToken);
                    await copy.WriteAsync(key.Q, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(key.R, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(key.Day, NpgsqlDbType.Date, cancellationToken);
                    await copy.WriteAsync(key.Category, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(key.Channel, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(value.Count, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(value.Weight, NpgsqlDbType.Double, cancellationToken);
                }
                await copy.CompleteAsync(cancellationToken);
            }
            rows += totals.Count;
            cells += distinct.Count;
            logger.LogInformation("Rebuilt {Resolution}: {Cells} cells, {Rows} rollup rows", resolution, distinct.Count, totals.Count);
            Report($"{resolution}: {needs:N0} needs counted into {distinct.Count:N0} cells, {totals.Count:N0} rollup rows");
        }
        // Communities first by containment (PostGIS reuses each prepared boundary across the join), then the few
        // centres outside every community take the nearest one.
        await ExecuteAsync(connection, """
            ANALYZE rebuild_cells;
            INSERT INTO cells (resolution, q, r, id, jurisdiction_code, jurisdiction_path, centre, boundary)
            SELECT DISTINCT ON (c.res, c.q, c.r) c.res, c.q, c.r, c.id, j.code, j.path, c.centre, c.boundary
            FROM jurisdictions j JOIN rebuild_cells c ON j.level = 3 AND ST_Contains(j.boundary, c.centre)
            ORDER BY c.res, c.q, c.r, j.code;
            INSERT INTO cells (resolution, q, r, id, jurisdiction_code, jurisdiction_path, centre, boundary)
            SELECT c.res, c.q, c.r, c.id, j.code, j.path, c.centre, c.boundary
            FROM rebuild_cells c
            CROSS JOIN LATERAL (SELECT code, path FROM jurisdictions WHERE level = 3 ORDER BY boundary <-> c.centre LIMIT 1) j
            WHERE NOT EXISTS (SELECT 1 FROM cells x WHERE x.resolution = c.res AND x.q = c.q AND x.r = c.r);
            INSERT INTO cell_demand (resolution, q, r, day, category_code, channel_code, jurisdiction_path, count, weight)
            SELECT d.res, d.q, d.r, d.day, d.cat, d.chan, c.jurisdiction_path, d.cnt, d.w
            FROM rebuild_demand d JOIN cells c ON c.resolution = d.res AND c.q = d.q AND c.r = d.r;
            INSERT INTO cell_demand_blocks (resolution, block_days, block_start, q, r, jurisdiction_path, count, weight)
            SELECT d.resolution, s.size, date '2000-01-03' + ((d.day - date '2000-01-03') / s.size) * s.size, d.q, d.r,
                   min(d.jurisdiction_path), sum(d.count), sum(d.weight)
            FROM cell_demand d CROSS JOIN (VALUES (28), (7), (1)) AS s(size)
            GROUP BY 1, 2, 3, 4, 5;
            """, cancellationToken);
        // The current window from the new blocks, for today (its state day may be gone stale while the server was down).
        await CellWindowCounts.RecountAsync(connection, days.Today, cancellationToken);
        // Locked after the cells' tables, in the order ingestion's hooks write them.
        await Tiles.NeedTileSquareWriter.RebuildAsync(connection, cancellationToken);
        // needStats' day and month counts, from the reweighed needs (their weight updates left deltas, which this clears).
        await Needs.Stats.NeedStatRollup.RebuildAsync(connection, clock.TimeZoneId, cancellationToken);
        Report("cells given their communities; rollups, 1/7/28-day blocks, the needs tiles' squares and needStats' counts written");
        await CellNotifications.NotifyEverythingChangedAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        answers.Invalidate();
        directory.Clear();
        await ExecuteAsync(connection, "ANALYZE cell_demand; ANALYZE cell_demand_blocks; ANALYZE cell_window_counts; ANALYZE cell_window_category_counts; ANALYZE cells; ANALYZE need_tile_squares; ANALYZE need_tile_square_tops; ANALYZE need_stat_days; ANALYZE need_stat_city_days; ANALYZE need_stat_months;", cancellationToken);
        Report($"committed and analysed in {started.Elapsed.TotalSeconds:0.0} s");
        return new Result(needs, cells, rows, started.Elapsed);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Every caller passes one of this class's constant statements.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
