using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Warnings;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// Keeps <c>cell_demand</c> current as needs are stored: when a stored change is counted (RollupApplier), a created need adds one to
/// its cell at every resolution, and a revision first takes away what the need counted for before. Announces the
/// touched cells on <see cref="CellNotifications.Channel"/> and nudges the warning detector.
/// </summary>
public sealed class CellRollupWriter(IHexGrid grid, CityDays days, WarningDetectorTrigger detector, CellAnswerCache answers) : INeedWriteHook
{
    private readonly record struct Key(HexCell Cell, DateOnly Day, string Category, string Channel);

    public async Task OnStoredAsync(NpgsqlConnection connection, IReadOnlyList<StoredNeedChange> changes, CancellationToken cancellationToken)
    {
        var deltas = new Dictionary<Key, (int Count, double Weight)>();
        foreach (var change in changes)
        {
            if (change.Before is { } before)
            {
                Accumulate(deltas, before, -1);
            }
            Accumulate(deltas, change.After, +1);
        }
        // In key order: a large batch then walks the rollup's index left to right instead of at random.
        var changed = deltas.Where(d => d.Value.Count != 0 || Math.Abs(d.Value.Weight) > 1e-12)
            .OrderBy(d => d.Key.Cell.Resolution).ThenBy(d => d.Key.Cell.Q).ThenBy(d => d.Key.Cell.R).ThenBy(d => d.Key.Day)
            .ThenBy(d => d.Key.Category, StringComparer.Ordinal).ThenBy(d => d.Key.Channel, StringComparer.Ordinal).ToList();
        if (changed.Count == 0)
        {
            return;
        }
        // Deliveries running at once would otherwise insert the same new cells and upsert the same rollup rows in
        // different orders and deadlock; the rollup part of ingestion is short, so it takes turns.
        await using (var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection))
        {
            turn.Parameters.AddWithValue("key", RollupApplier.RollupLockKey);
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }
        // A cell first met here falls back to the jurisdiction of the first need in it when its centre lies outside the city.
        var owners = new Dictionary<HexCell, (string Code, string Path)>();
        foreach (var change in changes)
        {
            foreach (var resolution in grid.Resolutions)
            {
                owners.TryAdd(grid.CellAt(change.After.Longitude, change.After.Latitude, resolution), (change.JurisdictionCode, change.JurisdictionPath));
            }
        }
        using (IngestionTelemetry.Source.StartActivity("cells:ensure"))
        {
            await EnsureCellsAsync(connection, grid, owners, cancellationToken);
        }
        using var applying = IngestionTelemetry.Source.StartActivity("cells:apply");
        // Only a revision or a move takes counts away; a batch of new needs cannot leave a row at zero.
        await ApplyAsync(connection, changed, removes: changes.Any(c => c.Before is not null), cancellationToken);
        // Before the commit as well as on the notification after it: once this request returns, the next cells read
        // on this server computes afresh (reads racing the write are covered by the notification).
        answers.Invalidate();
        await CellNotifications.NotifyAsync(connection, changed.Select(c => c.Key.Cell).Distinct(), cancellationToken);
        detector.Nudge();
    }

    private void Accumulate(Dictionary<Key, (int Count, double Weight)> deltas, NeedFacts facts, int sign)
    {
        var day = days.DayOf(facts.ReceivedAt);
        foreach (var resolution in grid.Resolutions)
        {
            var key = new Key(grid.CellAt(facts.Longitude, facts.Latitude, resolution), day, facts.CategoryCode, facts.ChannelCode);
            var (count, weight) = deltas.GetValueOrDefault(key);
            deltas[key] = (count + sign, weight + sign * facts.Weight);
        }
    }

    /// <summary>
    /// Records cells not seen before, with the community containing their centre (or else the nearest one, or else the
    /// owner given): one query finds which are known, and only the new ones get their polygons computed and inserted.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "One of two constant statements; values are parameters.")]
    internal static async Task EnsureCellsAsync(NpgsqlConnection connection, IHexGrid grid, IReadOnlyDictionary<HexCell, (string Code, string Path)> cells,
        CancellationToken cancellationToken)
    {
        var known = new HashSet<HexCell>();
        await using (var find = new NpgsqlCommand("""
            SELECT c.resolution, c.q, c.r FROM unnest(@res, @q, @r) AS k(res, q, r)
            JOIN cells c ON c.resolution = k.res AND c.q = k.q AND c.r = k.r
            """, connection))
        {
            find.Parameters.Add(new NpgsqlParameter("res", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = cells.Keys.Select(c => (short)c.Resolution).ToArray() });
            find.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = cells.Keys.Select(c => c.Q).ToArray() });
            find.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = cells.Keys.Select(c => c.R).ToArray() });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                known.Add(new HexCell((HexResolution)reader.GetInt16(0), reader.GetInt32(1), reader.GetInt32(2)));
            }
        }
        var missing = cells.Where(c => !known.Contains(c.Key)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand(missing.Count >= BulkCellsFrom ? InsertMany : InsertFew, connection);
        command.Parameters.Add(new NpgsqlParameter("res", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = missing.Select(c => (short)c.Key.Resolution).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = missing.Select(c => c.Key.Q).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = missing.Select(c => c.Key.R).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = missing.Select(c => c.Key.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("centre", NpgsqlDbType.Array | NpgsqlDbType.Geometry) { Value = missing.Select(c => (Geometry)grid.Centre(c.Key)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("boundary", NpgsqlDbType.Array | NpgsqlDbType.Geometry) { Value = missing.Select(c => (Geometry)grid.Polygon(c.Key)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("fallback_code", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = missing.Select(c => c.Value.Code).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("fallback_path", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = missing.Select(c => c.Value.Path).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>From this many new cells (a bulk file's first batches) they are placed by one join per community.</summary>
    public const int BulkCellsFrom = 500;

    // The containing community (the smallest code should two claim a centre), else the nearest, else the owner given.
    private const string InsertFew = """
        INSERT INTO cells (resolution, q, r, id, jurisdiction_code, jurisdiction_path, centre, boundary)
        SELECT c.res, c.q, c.r, c.id, coalesce(j.code, c.fallback_code), coalesce(j.path, c.fallback_path), c.centre, c.boundary
        FROM unnest(@res, @q, @r, @id, @centre, @boundary, @fallback_code, @fallback_path)
          AS c(res, q, r, id, centre, boundary, fallback_code, fallback_path)
        LEFT JOIN LATERAL (
            (SELECT code, path FROM jurisdictions WHERE level = 3 AND ST_Contains(boundary, c.centre) ORDER BY code LIMIT 1)
            UNION ALL
            (SELECT code, path FROM jurisdictions WHERE level = 3 ORDER BY boundary <-> c.centre LIMIT 1)
            LIMIT 1) j ON true
        WHERE NOT EXISTS (SELECT 1 FROM cells x WHERE x.resolution = c.res AND x.q = c.q AND x.r = c.r)
        ON CONFLICT DO NOTHING
        """;

    // The same choice for thousands of cells: each community's boundary is tested against the new centres inside it (an
    // index on a staging table), so PostGIS prepares each boundary once instead of testing cell by cell against whichever
    // communities' boxes hold it, which took 15 s for the 25,000 new cells of a bulk file's first batch.
    private const string InsertMany = """
        CREATE TEMP TABLE ensure_cells (res smallint, q int, r int, id text, centre geometry, boundary geometry, fallback_code text,
          fallback_path text) ON COMMIT DROP;
        INSERT INTO ensure_cells SELECT * FROM unnest(@res, @q, @r, @id, @centre, @boundary, @fallback_code, @fallback_path);
        CREATE INDEX ON ensure_cells USING gist (centre);
        ANALYZE ensure_cells;
        INSERT INTO cells (resolution, q, r, id, jurisdiction_code, jurisdiction_path, centre, boundary)
        SELECT c.res, c.q, c.r, c.id, coalesce(i.code, n.code, c.fallback_code), coalesce(i.path, n.path, c.fallback_path), c.centre, c.boundary
        FROM ensure_cells c
        LEFT JOIN (
            SELECT DISTINCT ON (s.res, s.q, s.r) s.res, s.q, s.r, j.code, j.path
            FROM jurisdictions j CROSS JOIN LATERAL (
              SELECT s.res, s.q, s.r FROM ensure_cells s WHERE ST_Contains(j.boundary, s.centre) OFFSET 0) s
            WHERE j.level = 3
            ORDER BY s.res, s.q, s.r, j.code) i ON i.res = c.res AND i.q = c.q AND i.r = c.r
        LEFT JOIN LATERAL (
            SELECT code, path FROM jurisdictions WHERE level = 3 AND i.code IS NULL ORDER BY boundary <-> c.centre LIMIT 1) n ON true
        WHERE NOT EXISTS (SELECT 1 FROM cells x WHERE x.resolution = c.res AND x.q = c.q AND x.r = c.r)
        ORDER BY c.res, c.q, c.r
        ON CONFLICT DO NOTHING;
        DROP TABLE ensure_cells;
        """;

    private const string Add = """
            INSERT INTO cell_demand (resolution, q, r, day, category_code, channel_code, jurisdiction_path, count, weight)
            SELECT d.res, d.q, d.r, d.day, d.cat, d.chan, c.jurisdiction_path, d.cnt, d.w
            FROM unnest(@res, @q, @r, @day, @cat, @chan, @cnt, @w) AS d(res, q, r, day, cat, chan, cnt, w)
            JOIN cells c ON c.resolution = d.res AND c.q = d.q AND c.r = d.r
            ON CONFLICT (resolution, q, r, day, category_code, channel_code)
            DO UPDATE SET count = cell_demand.count + excluded.count, weight = cell_demand.weight + excluded.weight;
            INSERT INTO cell_demand_blocks (resolution, block_days, block_start, q, r, jurisdiction_path, count, weight)
            SELECT b.res, b.size, b.start, b.q, b.r, c.jurisdiction_path, b.cnt, b.w
            FROM unnest(@b_res, @b_size, @b_start, @b_q, @b_r, @b_cnt, @b_w) AS b(res, size, start, q, r, cnt, w)
            JOIN cells c ON c.resolution = b.res AND c.q = b.q AND c.r = b.r
            ON CONFLICT (resolution, block_days, block_start, q, r)
            DO UPDATE SET count = cell_demand_blocks.count + excluded.count, weight = cell_demand_blocks.weight + excluded.weight;
        """;

    private const string RemoveEmpty = """
            DELETE FROM cell_demand x
            USING unnest(@res, @q, @r, @day, @cat, @chan) AS d(res, q, r, day, cat, chan)
            WHERE x.resolution = d.res AND x.q = d.q AND x.r = d.r AND x.day = d.day AND x.category_code = d.cat
              AND x.channel_code = d.chan AND x.count <= 0;
            DELETE FROM cell_demand_blocks x
            USING unnest(@res, @q, @r, @day) AS d(res, q, r, day) CROSS JOIN unnest(@sizes) AS s(size)
            WHERE x.resolution = d.res AND x.block_days = s.size AND x.block_start = @epoch + ((d.day - @epoch) / s.size) * s.size
              AND x.q = d.q AND x.r = d.r AND x.count <= 0;
        """;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Built from this class's and the window tables' fixed statements; values are parameters.")]
    private static async Task ApplyAsync(NpgsqlConnection connection, List<KeyValuePair<Key, (int Count, double Weight)>> changed, bool removes,
        CancellationToken cancellationToken)
    {
        // The current window's tables (CellWindowCounts, and by category CellCategoryWindowCounts) in the same transaction,
        // after the rows they are recounted from.
        var sql = removes
            ? Add + CellWindowCounts.AddSql + CellCategoryWindowCounts.AddSql + RemoveEmpty + CellWindowCounts.RemoveEmptySql + CellCategoryWindowCounts.RemoveEmptySql
            : Add + CellWindowCounts.AddSql + CellCategoryWindowCounts.AddSql;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("res", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = changed.Select(c => (short)c.Key.Cell.Resolution).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = changed.Select(c => c.Key.Cell.Q).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = changed.Select(c => c.Key.Cell.R).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("day", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = changed.Select(c => c.Key.Day).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("cat", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changed.Select(c => c.Key.Category).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("chan", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changed.Select(c => c.Key.Channel).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("cnt", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = changed.Select(c => c.Value.Count).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("w", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = changed.Select(c => c.Value.Weight).ToArray() });
        // The 1/7/28-day blocks summed here, in key order: the database then upserts one row per block instead of sorting
        // three rows per rollup row to group them (the block start truncates as the rebuild's SQL does).
        // Summed in a hash table and sorted once: a bulk batch's ~300,000 block additions into a SortedDictionary were a tree
        // walk each. The same sums (added in the same order) and the same key order as before.
        var sums = new Dictionary<(short Res, short Size, DateOnly Start, int Q, int R), (int Count, double Weight)>();
        foreach (var (key, value) in changed)
        {
            foreach (var size in TimeBlocks.Sizes)
            {
                var block = ((short)key.Cell.Resolution, size, TimeBlocks.Epoch.AddDays((key.Day.DayNumber - TimeBlocks.Epoch.DayNumber) / size * size),
                    key.Cell.Q, key.Cell.R);
                var (count, weight) = sums.GetValueOrDefault(block);
                sums[block] = (count + value.Count, weight + value.Weight);
            }
        }
        var blocks = sums.OrderBy(b => b.Key).ToList();
        command.Parameters.Add(new NpgsqlParameter("b_res", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = blocks.Select(b => b.Key.Res).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("b_size", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = blocks.Select(b => (int)b.Key.Size).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("b_start", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = blocks.Select(b => b.Key.Start).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("b_q", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = blocks.Select(b => b.Key.Q).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("b_r", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = blocks.Select(b => b.Key.R).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("b_cnt", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = blocks.Select(b => b.Value.Count).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("b_w", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = blocks.Select(b => b.Value.Weight).ToArray() });
        command.Parameters.AddWithValue("epoch", TimeBlocks.Epoch);
        command.Parameters.Add(new NpgsqlParameter("sizes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = TimeBlocks.Sizes.Select(s => (int)s).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
