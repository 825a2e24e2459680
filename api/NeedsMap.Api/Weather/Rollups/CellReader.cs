using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Grid;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>The window counted: <see cref="Days"/> city days ending with <see cref="LastDay"/>, included.</summary>
public sealed record CellWindow(DateOnly LastDay, int Days)
{
    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly DateOnly Latest = new(2199, 12, 31);

    public DateOnly LastDay { get; init; } = Valid(LastDay);

    /// <summary>Windows and their baselines reach years back from the last day: one near year 1 would fall off the calendar.</summary>
    public static DateOnly Valid(DateOnly lastDay) => lastDay >= Earliest && lastDay <= Latest ? lastDay
        : throw new DomainException(ErrorCodes.InvalidInput, $"lastDay must fall between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");

    public DateOnly FirstDay => LastDay.AddDays(1 - Days);
}

public sealed record CellDemandSummary(HexCell Cell, string JurisdictionCode, int Count, double DemandIndex, double PreviousDemandIndex,
    double Baseline, int BaselineWindows, CellWindow Window)
{
    public WeatherLevel Weather => WeatherRule.Level(DemandIndex, Baseline);
    public double Ratio => WeatherRule.Ratio(DemandIndex, Baseline);
    public double Change => DemandIndex - PreviousDemandIndex;
}

/// <summary>
/// Reads cells from the rollups only: one GROUP BY over <c>cell_demand</c> (or its time blocks) for the window and its
/// baseline, with each cell's community from <see cref="CellDirectory"/>. Answers are kept in <see cref="CellAnswerCache"/>
/// until a cell changes on any server.
/// </summary>
public sealed class CellReader([FromKeyedServices(ReadDatabase.Key)] NpgsqlDataSource dataSource, NeedFilterSql filterSql, ReferenceData reference, AccessScope access,
    CellAnswerCache cache, CellDirectory directory, PublicCells publicCells)
{
    public const int MaxDays = 366;

    /// <summary>Cells are the weather: a resident reads them as the public does (<see cref="AccessScope.Weather"/>).</summary>
    private AccessScope Scope => access.Weather;
    public const int MaxBaselineWindows = 12;

    /// <summary>False makes the default question read the blocks too: for the bench, which times both paths on one database.</summary>
    internal bool UseCurrentWindow { get; set; } = true;

    public async Task<IReadOnlyList<CellDemandSummary>> ReadAsync(HexResolution resolution, BoundingBox? bbox, string? jurisdictionCode,
        NeedFilter? where, CellWindow window, int baselineWindows, CancellationToken cancellationToken)
    {
        if (window.Days is < 1 or > MaxDays || baselineWindows is < 1 or > MaxBaselineWindows)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"window.days takes 1 to {MaxDays}, baselineWindows 1 to {MaxBaselineWindows}.");
        }
        // Cells are aggregates: the public counts the whole city (at coarse resolutions, under the small-group rule below, cached apart
        // from everyone else's answers), everyone else what they may see.
        PublicCells.Require(Scope, resolution);
        var filter = Scope.RestrictAggregates(where);
        CellFilterSupport.Require(filter);
        var key = (Scope.GuardsDifferencing ? "public|" : "") + CellAnswerKey.For(resolution, bbox, jurisdictionCode, filter, window, baselineWindows);
        if (cache.TryGet(key, out var cached))
        {
            return PublicCells.Suppress(Scope, cached, c => c.Count);
        }
        var generation = cache.Generation;
        var (answer, counted) = await QueryAsync(resolution, bbox, jurisdictionCode, filter, window, baselineWindows, cancellationToken);
        if (Scope.GuardsDifferencing)
        {
            answer = await publicCells.GuardAsync(answer, counted, resolution, jurisdictionCode, filter, window, baselineWindows, Scope.SuppressGroupsBelow,
                cancellationToken);
        }
        cache.Store(key, generation, answer);
        return PublicCells.Suppress(Scope, answer, c => c.Count);
    }

    /// <summary>The cells, and each one's count of needs by part of the window as the same statement read them (for the public's guard).</summary>
    private async Task<(IReadOnlyList<CellDemandSummary> Answer, IReadOnlyList<PublicCells.WindowPartCounts> Counted)> QueryAsync(HexResolution resolution, BoundingBox? bbox, string? jurisdictionCode,
        NeedFilter? filter, CellWindow window, int baselineWindows, CancellationToken cancellationToken)
    {
        var p = new SqlParameters();
        var conditions = new List<string> { filterSql.Where(filter, p, "d") };
        if (jurisdictionCode is not null)
        {
            var j = reference.Current.FindJurisdiction(jurisdictionCode)
                ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{jurisdictionCode}\".");
            conditions.Add($"d.jurisdiction_path LIKE {p.Add(j.Path + "%", NpgsqlDbType.Text)}");
        }
        if (bbox is not null)
        {
            if (bbox.West >= bbox.East || bbox.South >= bbox.North || bbox.West < -180 || bbox.East > 180 || bbox.South < -90 || bbox.North > 90)
            {
                throw new DomainException(ErrorCodes.InvalidFilter, "bbox needs west < east and south < north, within WGS-84 ranges.");
            }
            var box = $"ST_MakeEnvelope({p.Add(bbox.West, NpgsqlDbType.Double)}, {p.Add(bbox.South, NpgsqlDbType.Double)}, "
                + $"{p.Add(bbox.East, NpgsqlDbType.Double)}, {p.Add(bbox.North, NpgsqlDbType.Double)}, 4326)";
            conditions.Add($"EXISTS (SELECT 1 FROM cells c WHERE c.resolution = d.resolution AND c.q = d.q AND c.r = d.r "
                + $"AND c.boundary && {box} AND ST_Intersects(c.boundary, {box}))");
        }
        var jurisdictionsOnly = CellFilterSupport.JurisdictionsOnly(filter);
        // The default window from the kept tables: one row a cell, or with categories in the filter one row a cell and category.
        var current = !UseCurrentWindow || !CellWindowCounts.KeepsShapeOf(window, baselineWindows) ? null
            : jurisdictionsOnly ? CurrentWindowSql(string.Join(" AND ", conditions))
            : CellFilterSupport.CategoriesAndJurisdictionsOnly(filter) ? CurrentCategoryWindowSql(string.Join(" AND ", conditions))
            : null;
        var rows = current is not null
            ? await ReadRowsAsync(current, p, resolution, command => CellWindowCounts.BindWindow(command, window, baselineWindows), cancellationToken)
            : null;
        if (rows is null || rows is [{ Cell: null }])
        {
            // Not the current window's question, or the table holds another day (the day just turned): the blocks (or days) answer.
            rows = await ReadRowsAsync(jurisdictionsOnly ? BlocksSql(string.Join(" AND ", conditions)) : DaysSql(string.Join(" AND ", conditions)), p,
                resolution, command => AddWindow(command, jurisdictionsOnly, window, baselineWindows), cancellationToken);
        }
        var codes = await directory.JurisdictionCodesAsync(rows.Select(r => r.Cell!.Value).ToList(), cancellationToken);
        return (rows.Select((r, i) => new CellDemandSummary(r.Cell!.Value, codes[i], r.Count, Math.Round(r.Demand, 6), Math.Round(r.Previous, 6),
            Math.Round(r.Before / baselineWindows, 6), baselineWindows, window)).ToList(),
            rows.Select(r => new PublicCells.WindowPartCounts(r.Count, r.PreviousCount, r.OlderCount)).ToList());
    }

    /// <summary>
    /// The blocks covering the window (part 0), the window before it (part 1) and the older baseline windows as one range
    /// (part 2): the baseline only needs their sum, and three ranges take fewer blocks to cover than one range per window.
    /// </summary>
    internal static IReadOnlyList<(short Size, DateOnly Start, int Part)> BlocksOf(CellWindow window, int baselineWindows)
    {
        var first = window.FirstDay;
        var ranges = new List<(DateOnly First, DateOnly Last, int Part)> { (first, window.LastDay, 0), (first.AddDays(-window.Days), first.AddDays(-1), 1) };
        if (baselineWindows > 1)
        {
            ranges.Add((first.AddDays(-window.Days * baselineWindows), first.AddDays(-window.Days - 1), 2));
        }
        return ranges.SelectMany(range => TimeBlocks.Cover(range.First, range.Last).Select(b => (b.Size, b.Start, range.Part))).ToList();
    }

    /// <summary>
    /// The first and last block start of the cover, as constants beside the join on each block: the join already implies
    /// them, but only a range on <c>block_start</c> (the partition key) lets PostgreSQL skip the quarters outside the window,
    /// and then plan the join as probes of the whole primary key. Without it a bbox question at R100 walked every quarter's
    /// index once a cell in the box: 145-150 ms and 118,000 buffers on the demo city at R100, 9 ms and 13,500 buffers with it,
    /// the same rows (bench/results/cells-bbox-blocks.md).
    /// </summary>
    internal const string BlockSpan = "d.block_start BETWEEN @first_block AND @last_block";

    /// <summary>Binds the blocks covering the window and its baseline (<see cref="BlocksOf"/>): @sizes, @starts, @parts and <see cref="BlockSpan"/>'s ends.</summary>
    internal static void BindBlocks(NpgsqlCommand command, CellWindow window, int baselineWindows)
    {
        var cover = BlocksOf(window, baselineWindows);
        command.Parameters.AddWithValue("sizes", cover.Select(b => b.Size).ToArray());
        command.Parameters.AddWithValue("starts", cover.Select(b => b.Start).ToArray());
        command.Parameters.AddWithValue("parts", cover.Select(b => b.Part).ToArray());
        command.Parameters.AddWithValue("first_block", cover.Min(b => b.Start));
        command.Parameters.AddWithValue("last_block", cover.Max(b => b.Start));
    }

    private static void AddWindow(NpgsqlCommand command, bool blocks, CellWindow window, int baselineWindows)
    {
        var first = window.FirstDay;
        if (blocks)
        {
            BindBlocks(command, window, baselineWindows);
        }
        else
        {
            command.Parameters.AddWithValue("first", first);
            command.Parameters.AddWithValue("previous", first.AddDays(-window.Days));
            command.Parameters.AddWithValue("since", first.AddDays(-window.Days * baselineWindows));
            command.Parameters.AddWithValue("last", window.LastDay);
        }
    }

    /// <summary>Rows of (cell, count, demand, previous, before, the counts of the window before and of the older windows); one row
    /// without a cell means the current-window table is not current.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Built from this class's constant statements; values are parameters.")]
    private async Task<List<Row>> ReadRowsAsync(string sql, SqlParameters p,
        HexResolution resolution, Action<NpgsqlCommand> window, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        // Copies: the blocks read after a stale current window needs the same values, and a parameter belongs to one command.
        foreach (var parameter in p.All)
        {
            command.Parameters.Add(parameter.Clone());
        }
        command.Parameters.AddWithValue("resolution", (short)resolution);
        window(command);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(reader.IsDBNull(0) ? null : new HexCell(resolution, reader.GetInt32(0), reader.GetInt32(1)), reader.GetInt32(2), reader.GetDouble(3),
                reader.GetDouble(4), reader.GetDouble(5), reader.GetInt32(6), reader.GetInt32(7)));
        }
        return rows;
    }

    // The state is checked in the same statement as the rows are read, so a day turn committing in between cannot mix two windows.
    private static string CurrentWindowSql(string conditions) => $"""
        WITH s AS (SELECT {CellWindowCounts.HoldsWindowSql} AS current)
        SELECT NULL::int, NULL::int, 0, 0::float8, 0::float8, 0::float8, 0, 0 FROM s WHERE NOT s.current
        UNION ALL
        SELECT d.q, d.r, d.window_count, d.window_weight, d.previous_weight, d.baseline_weight, d.previous_count,
               d.span_count - d.window_count - d.previous_count
        FROM cell_window_counts d, s
        WHERE s.current AND d.resolution = @resolution AND {conditions}
        """;

    // As above, summed over the categories the filter keeps; every condition reads columns constant within a row.
    private static string CurrentCategoryWindowSql(string conditions) => $"""
        WITH s AS (SELECT {CellWindowCounts.HoldsWindowSql} AS current)
        SELECT NULL::int, NULL::int, 0, 0::float8, 0::float8, 0::float8, 0, 0 FROM s WHERE NOT s.current
        UNION ALL
        SELECT d.q, d.r, sum(d.window_count)::int, sum(d.window_weight), sum(d.previous_weight), sum(d.baseline_weight),
               sum(d.previous_count)::int, sum(d.span_count - d.window_count - d.previous_count)::int
        FROM cell_window_category_counts d, s
        WHERE s.current AND d.resolution = @resolution AND {conditions}
        GROUP BY d.q, d.r
        """;

    private static string DaysSql(string conditions) => $"""
        SELECT d.q, d.r,
               coalesce(sum(d.count) FILTER (WHERE d.day >= @first), 0)::int AS count,
               coalesce(sum(d.weight) FILTER (WHERE d.day >= @first), 0) AS demand,
               coalesce(sum(d.weight) FILTER (WHERE d.day < @first AND d.day >= @previous), 0) AS previous,
               coalesce(sum(d.weight) FILTER (WHERE d.day < @first), 0) AS before,
               coalesce(sum(d.count) FILTER (WHERE d.day < @first AND d.day >= @previous), 0)::int AS previous_count,
               coalesce(sum(d.count) FILTER (WHERE d.day < @previous), 0)::int AS older_count
        FROM cell_demand d
        WHERE d.resolution = @resolution AND d.day >= @since AND d.day <= @last AND {conditions}
        GROUP BY d.q, d.r
        """;

    internal static string BlocksSql(string conditions) => $"""
        SELECT d.q, d.r,
               coalesce(sum(d.count) FILTER (WHERE b.part = 0), 0)::int AS count,
               coalesce(sum(d.weight) FILTER (WHERE b.part = 0), 0) AS demand,
               coalesce(sum(d.weight) FILTER (WHERE b.part = 1), 0) AS previous,
               coalesce(sum(d.weight) FILTER (WHERE b.part >= 1), 0) AS before,
               coalesce(sum(d.count) FILTER (WHERE b.part = 1), 0)::int AS previous_count,
               coalesce(sum(d.count) FILTER (WHERE b.part = 2), 0)::int AS older_count
        FROM unnest(@sizes, @starts, @parts) AS b(size, start, part)
        JOIN cell_demand_blocks d ON d.resolution = @resolution AND d.block_days = b.size AND d.block_start = b.start
          AND {BlockSpan}
        WHERE {conditions}
        GROUP BY d.q, d.r
        """;

    private sealed record Row(HexCell? Cell, int Count, double Demand, double Previous, double Before, int PreviousCount, int OlderCount);
}
