using NeedsMap.Api.Data;
using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security;
using NeedsMap.Api.Security.Auth;
using NpgsqlTypes;
using Npgsql;

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
        var answer = await QueryAsync(resolution, bbox, jurisdictionCode, filter, window, baselineWindows, cancellationToken);
        if (Scope.GuardsDifferencing)
        {
            answer = await publicCells.GuardAsync(answer, resolution, jurisdictionCode, filter, window, baselineWindows, Scope.SuppressGroupsBelow,
                cancellationToken);
        }
        cache.Store(key, generation, answer);
        return PublicCells.Suppress(Scope, answer, c => c.Count);
    }

    private async Task<IReadOnlyList<CellDemandSummary>> QueryAsync(HexResolution resolution, BoundingBox? bbox, string? jurisdictionCode,
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
        var first = window.FirstDay;
        var fast = CellFilterSupport.JurisdictionsOnly(filter);
        var sql = fast ? BlocksSql(string.Join(" AND ", conditions)) : DaysSql(string.Join(" AND ", conditions));
        await using var command = dataSource.CreateCommand(sql);
        p.AddTo(command);
        command.Parameters.AddWithValue("resolution", (short)resolution);
        if (fast)
        {
            // Part 0 is the window, part 1 the window before it, part 2 the older baseline windows as one range: the
            // baseline only needs their sum, and three ranges take fewer blocks to cover than one range per window.
            var ranges = new List<(DateOnly First, DateOnly Last, int Part)> { (first, window.LastDay, 0), (first.AddDays(-window.Days), first.AddDays(-1), 1) };
            if (baselineWindows > 1)
            {
                ranges.Add((first.AddDays(-window.Days * baselineWindows), first.AddDays(-window.Days - 1), 2));
            }
            var blocks = ranges.SelectMany(range => TimeBlocks.Cover(range.First, range.Last).Select(b => (b.Size, b.Start, part: range.Part))).ToList();
            command.Parameters.AddWithValue("sizes", blocks.Select(b => b.Size).ToArray());
            command.Parameters.AddWithValue("starts", blocks.Select(b => b.Start).ToArray());
            command.Parameters.AddWithValue("parts", blocks.Select(b => b.part).ToArray());
        }
        else
        {
            command.Parameters.AddWithValue("first", first);
            command.Parameters.AddWithValue("previous", first.AddDays(-window.Days));
            command.Parameters.AddWithValue("since", first.AddDays(-window.Days * baselineWindows));
            command.Parameters.AddWithValue("last", window.LastDay);
        }
        var rows = new List<(HexCell Cell, int Count, double Demand, double Previous, double Before)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((new HexCell(resolution, reader.GetInt32(0), reader.GetInt32(1)), reader.GetInt32(2), reader.GetDouble(3),
                    reader.GetDouble(4), reader.GetDouble(5)));
            }
        }
        var codes = await directory.JurisdictionCodesAsync(rows.Select(r => r.Cell).ToList(), cancellationToken);
        return rows.Select((r, i) => new CellDemandSummary(r.Cell, codes[i], r.Count, Math.Round(r.Demand, 6), Math.Round(r.Previous, 6),
            Math.Round(r.Before / baselineWindows, 6), baselineWindows, window)).ToList();
    }

    private static string DaysSql(string conditions) => $"""
        SELECT d.q, d.r,
               coalesce(sum(d.count) FILTER (WHERE d.day >= @first), 0)::int AS count,
               coalesce(sum(d.weight) FILTER (WHERE d.day >= @first), 0) AS demand,
               coalesce(sum(d.weight) FILTER (WHERE d.day < @first AND d.day >= @previous), 0) AS previous,
               coalesce(sum(d.weight) FILTER (WHERE d.day < @first), 0) AS before
        FROM cell_demand d
        WHERE d.resolution = @resolution AND d.day >= @since AND d.day <= @last AND {conditions}
        GROUP BY d.q, d.r
        """;

    private static string BlocksSql(string conditions) => $"""
        SELECT d.q, d.r,
               coalesce(sum(d.count) FILTER (WHERE b.part = 0), 0)::int AS count,
               coalesce(sum(d.weight) FILTER (WHERE b.part = 0), 0) AS demand,
               coalesce(sum(d.weight) FILTER (WHERE b.part = 1), 0) AS previous,
               coalesce(sum(d.weight) FILTER (WHERE b.part >= 1), 0) AS before
        FROM unnest(@sizes, @starts, @parts) AS b(size, start, part)
        JOIN cell_demand_blocks d ON d.resolution = @resolution AND d.block_days = b.size AND d.block_start = b.start
        WHERE {conditions}
        GROUP BY d.q, d.r
        """;
}
