using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Needs.Stats;

/// <summary>Counts needs for any filter, grouped one way, in one GROUP BY over the filtered rows (or the rollup's, <see cref="NeedStatRollup"/>).</summary>
public sealed class NeedStatsReader([FromKeyedServices(ReadDatabase.Key)] NpgsqlDataSource dataSource, NeedFilterSql filterSql, ReferenceData reference, CityClock clock, AccessScope scope,
    SmallGroups smallGroups)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(clock.TimeZoneId);

    public Task<NeedStats> ReadAsync(NeedFilter? filter, NeedStatsGrouping grouping, CategoryLevel categoryLevel,
        JurisdictionLevel jurisdictionLevel, CancellationToken cancellationToken) =>
        ReadAsync(filter, grouping, categoryLevel, jurisdictionLevel, distinctReporters: true, cancellationToken);

    /// <summary>
    /// With <paramref name="distinctReporters"/> false the groups' <see cref="NeedStatGroup.DistinctReporters"/> are 0, and the
    /// counts come from <see cref="NeedStatRollup"/> whenever it answers the question exactly (<see cref="NeedStatRollupQuestion"/>):
    /// the same groups, counts and weights as the needs give, reading far fewer rows. The public always reads the needs: its
    /// small-group rule counts distinct people per combination of conditions, which no rollup row can tell.
    /// </summary>
    public async Task<NeedStats> ReadAsync(NeedFilter? filter, NeedStatsGrouping grouping, CategoryLevel categoryLevel,
        JurisdictionLevel jurisdictionLevel, bool distinctReporters, CancellationToken cancellationToken)
    {
        var asked = scope.RestrictAggregates(filter);
        var snapshot = reference.Current;
        (string Key, string Join) GroupOf(SqlParameters p, string alias) => grouping == NeedStatsGrouping.Category && categoryLevel == CategoryLevel.Top
            ? ("t.top_code", TopLevelJoin(snapshot, p, alias))
            : (KeyExpression(grouping, jurisdictionLevel, p, alias), "");
        var rollup = !distinctReporters && !scope.GuardsDifferencing
            && NeedStatRollupQuestion.CanAnswer(asked, grouping, jurisdictionLevel, snapshot, _zone);
        var raw = (rollup ? await ReadRollupAsync(asked, grouping, p => GroupOf(p, "d"), cancellationToken) : null)
            ?? await ReadNeedsAsync(asked, p => GroupOf(p, "n"), cancellationToken);
        var verdict = await SmallGroupsAsync(asked, grouping, categoryLevel, p => GroupOf(p, "n"), cancellationToken);
        var groups = raw
            .Where(r => r.Count >= scope.SuppressGroupsBelow && verdict?.Shows(r.Key) != false)
            .Select(r => new NeedStatGroup(grouping == NeedStatsGrouping.Status ? StatusKey(r.Key) : r.Key, Label(grouping, r.Key, snapshot), r.Count, Math.Round(r.Weight, 6), r.Reporters))
            .OrderBy(g => IsTime(grouping) ? 0 : -g.Count)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        return new NeedStats(groups.Sum(g => g.Count), groups);
    }

    private async Task<List<(string Key, int Count, double Weight, int Reporters)>> ReadNeedsAsync(NeedFilter? asked,
        Func<SqlParameters, (string Key, string Join)> groupOf, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var where = filterSql.Where(asked, parameters);
        var (key, join) = groupOf(parameters);
        var sql = $"""
            SELECT {key} AS key, count(*)::int AS count, coalesce(sum(n.weight), 0) AS weight,
                   count(DISTINCT n.reporter_key)::int AS reporters
            FROM needs n {join} WHERE {where}
            GROUP BY 1
            """;
        return await RowsAsync(sql, parameters, cancellationToken);
    }

    /// <summary>
    /// The same GROUP BY over the rollup's rows: the all-time rows when nothing asks about time, else month rows for the months
    /// no bound cuts, day rows for the months one does (or for every month when grouping by day or week; city-wide day rows
    /// when no jurisdiction is asked about), and always the deltas
    /// not yet folded. A key whose rows sum to no need is no group. Null when the rollup's days are counted in another zone
    /// than the server's (until `rebuild-cells`): checked in the same statement, so the question costs one round trip.
    /// </summary>
    private async Task<List<(string Key, int Count, double Weight, int Reporters)>?> ReadRollupAsync(NeedFilter? asked, NeedStatsGrouping grouping,
        Func<SqlParameters, (string Key, string Join)> groupOf, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var where = filterSql.Where(asked, parameters, "d");
        var (key, join) = groupOf(parameters);
        const string Columns = "received_at, category_code, channel_code, status, jurisdiction_path, count, weight";
        // Day rows without the street when no jurisdiction is asked about: their number a day stops growing with the needs a day
        // (the combinations fill up), so a window reads about as many at 10M needs as at 1M. The path they lack is never read.
        var days = NeedStatRollupQuestion.CityWide(asked, grouping)
            ? $"SELECT received_at, category_code, channel_code, status, NULL::varchar AS jurisdiction_path, count, weight FROM {NeedStatRollup.CityDays}"
            : $"SELECT {Columns} FROM {NeedStatRollup.Days}";
        string rows;
        if (grouping is NeedStatsGrouping.Day or NeedStatsGrouping.Week)
        {
            rows = days;
        }
        else if (grouping != NeedStatsGrouping.Month && !NeedStatRollupQuestion.HasTimeBounds(asked))
        {
            // No time bound anywhere and no time grouping: the all-time rows, as many at 10M needs as at 1M.
            rows = $"SELECT NULL::timestamptz AS received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM {NeedStatRollup.Totals}";
        }
        else
        {
            var cut = NeedStatRollupQuestion.CutMonths(asked, _zone);
            var cutStarts = parameters.Add(cut.Select(m => m.Start.UtcDateTime).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
            var inCut = string.Join(" OR ", cut.Select(m =>
                $"(received_at >= {parameters.Add(m.Start.UtcDateTime, NpgsqlDbType.TimestampTz)} AND received_at < {parameters.Add(m.End.UtcDateTime, NpgsqlDbType.TimestampTz)})"));
            rows = $"""
                SELECT {Columns} FROM {NeedStatRollup.Months} WHERE received_at <> ALL({cutStarts})
                UNION ALL {days} WHERE {(inCut.Length == 0 ? "FALSE" : inCut)}
                """;
        }
        var zone = parameters.Add(clock.TimeZoneId, NpgsqlDbType.Text);
        var sql = $"""
            WITH s AS (SELECT EXISTS (SELECT 1 FROM need_stat_settings WHERE zone = {zone}) AS current)
            SELECT NULL::text AS key, {OtherZone} AS count, 0::float8 AS weight, 0 AS reporters FROM s WHERE NOT s.current
            UNION ALL
            SELECT {key} AS key, sum(d.count)::int AS count, coalesce(sum(d.weight), 0) AS weight, 0 AS reporters
            FROM ({rows}
                  UNION ALL SELECT {Columns} FROM {NeedStatRollup.Deltas}) d {join} CROSS JOIN s
            WHERE s.current AND {where}
            GROUP BY 1
            HAVING sum(d.count) <> 0
            """;
        var raw = await RowsAsync(sql, parameters, cancellationToken);
        return raw is [{ Count: OtherZone }] ? null : raw;
    }

    // The one row the rollup's statement answers when its days are counted in another zone; no group counts below zero.
    private const int OtherZone = -1;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Built from this class's expressions and the filter's translation; values are parameters.")]
    private async Task<List<(string Key, int Count, double Weight, int Reporters)>> RowsAsync(string sql, SqlParameters parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        parameters.AddTo(command);
        var raw = new List<(string Key, int Count, double Weight, int Reporters)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            raw.Add((reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetInt32(3)));
        }
        return raw;
    }

    /// <summary>For the public: which groups the small-group rule lets through (<see cref="SmallGroups"/>); null for everyone else.</summary>
    private async Task<SmallGroups.Verdict?> SmallGroupsAsync(NeedFilter? asked, NeedStatsGrouping grouping, CategoryLevel categoryLevel,
        Func<SqlParameters, (string Key, string Join)> groupOf, CancellationToken cancellationToken)
    {
        if (!scope.GuardsDifferencing)
        {
            return null;
        }
        var parameters = new SqlParameters();
        var (key, join) = groupOf(parameters);
        var source = new CountSource($"needs n {join}", "n", key, "TRUE", "count(*)",
            "count(DISTINCT n.reporter_key) + count(*) FILTER (WHERE n.reporter_key IS NULL)");
        return await smallGroups.JudgeAsync(source, asked, k => DomainOf(grouping, categoryLevel, k), scope.SuppressGroupsBelow, parameters, null,
            cancellationToken);
    }

    /// <summary>What the needs of one group can be, as far as its key tells.</summary>
    private GroupDomain DomainOf(NeedStatsGrouping grouping, CategoryLevel level, string key)
    {
        var snapshot = reference.Current;
        return grouping switch
        {
            NeedStatsGrouping.Category when level == CategoryLevel.Top =>
                new GroupDomain { Categories = snapshot.Categories.Where(c => snapshot.TopLevelCategoryOf(c.Code) == key).Select(c => c.Code).ToList() },
            NeedStatsGrouping.Category => new GroupDomain { Categories = [key] },
            NeedStatsGrouping.Channel => new GroupDomain { Channels = [key] },
            NeedStatsGrouping.Status => new GroupDomain { Statuses = [key] },
            NeedStatsGrouping.Jurisdiction => new GroupDomain { Jurisdictions = smallGroups.HoldingUnder(key) },
            _ when IsTime(grouping) && DateOnly.TryParseExact(key, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) => new GroupDomain
            {
                From = DayStart(day),
                Before = DayStart(grouping switch
                {
                    NeedStatsGrouping.Day => day.AddDays(1),
                    NeedStatsGrouping.Week => day.AddDays(7),
                    _ => day.AddMonths(1),
                }),
            },
            _ => GroupDomain.Any,
        };
    }

    private DateTimeOffset DayStart(DateOnly day) => PublicQuestion.StartOf(day, _zone);

    // Distinct reporters cannot be summed across leaves, so the leaf-to-top mapping joins in SQL.
    private static string TopLevelJoin(ReferenceSnapshot snapshot, SqlParameters parameters, string alias)
    {
        var leaves = snapshot.Categories.Select(c => c.Code).ToArray();
        var tops = leaves.Select(snapshot.TopLevelCategoryOf).ToArray();
        return $"JOIN unnest({parameters.Add(leaves, NpgsqlDbType.Array | NpgsqlDbType.Text)}, "
            + $"{parameters.Add(tops, NpgsqlDbType.Array | NpgsqlDbType.Text)}) AS t(leaf_code, top_code) ON t.leaf_code = {alias}.category_code";
    }

    private string KeyExpression(NeedStatsGrouping grouping, JurisdictionLevel level, SqlParameters parameters, string a) => grouping switch
    {
        NeedStatsGrouping.Category => $"{a}.category_code",
        NeedStatsGrouping.Channel => $"{a}.channel_code",
        NeedStatsGrouping.Status => $"{a}.status",
        NeedStatsGrouping.Jurisdiction => $"nullif(split_part({a}.jurisdiction_path, '.', {(int)level}), '')",
        NeedStatsGrouping.Day => Bucket("day", parameters, a),
        NeedStatsGrouping.Week => Bucket("week", parameters, a),
        NeedStatsGrouping.Month => Bucket("month", parameters, a),
        _ => throw new ArgumentOutOfRangeException(nameof(grouping)),
    };

    private string Bucket(string unit, SqlParameters parameters, string alias) =>
        BucketSql(unit, parameters.Add(clock.TimeZoneId, NpgsqlDbType.Text), alias);

    /// <summary>Statuses are keyed as the NeedStatus enum values clients filter by (IN_PROGRESS, not InProgress).</summary>
    private static string StatusKey(string stored) =>
        string.Concat(stored.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    // date_trunc in the city's zone gives the bucket's start as an instant; read it back in the same zone.
    private static string BucketSql(string unit, string zone, string alias) =>
        $"to_char(date_trunc('{unit}', {alias}.received_at, {zone}) AT TIME ZONE {zone}, 'YYYY-MM-DD')";

    private static bool IsTime(NeedStatsGrouping g) => g is NeedStatsGrouping.Day or NeedStatsGrouping.Week or NeedStatsGrouping.Month;

    private static string? Label(NeedStatsGrouping grouping, string key, ReferenceSnapshot snapshot) => grouping switch
    {
        NeedStatsGrouping.Category => snapshot.FindCategory(key)?.Name,
        NeedStatsGrouping.Channel => snapshot.FindChannel(key)?.Name,
        NeedStatsGrouping.Jurisdiction => snapshot.FindJurisdiction(key)?.Name,
        _ => null,
    };
}
