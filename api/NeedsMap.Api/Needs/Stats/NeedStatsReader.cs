using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Needs.Stats;

/// <summary>Counts needs for any filter, grouped one way, in one GROUP BY over the filtered rows.</summary>
public sealed class NeedStatsReader([FromKeyedServices(ReadDatabase.Key)] NpgsqlDataSource dataSource, NeedFilterSql filterSql, ReferenceData reference, CityClock clock, AccessScope scope,
    SmallGroups smallGroups)
{
    public async Task<NeedStats> ReadAsync(NeedFilter? filter, NeedStatsGrouping grouping, CategoryLevel categoryLevel,
        JurisdictionLevel jurisdictionLevel, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var asked = scope.RestrictAggregates(filter);
        var where = filterSql.Where(asked, parameters);
        var snapshot = reference.Current;
        (string Key, string Join) GroupOf(SqlParameters p) => grouping == NeedStatsGrouping.Category && categoryLevel == CategoryLevel.Top
            ? ("t.top_code", TopLevelJoin(snapshot, p))
            : (KeyExpression(grouping, jurisdictionLevel, p), "");
        var (key, join) = GroupOf(parameters);
        var sql = $"""
            SELECT {key} AS key, count(*)::int AS count, coalesce(sum(n.weight), 0) AS weight,
                   count(DISTINCT n.reporter_key)::int AS reporters
            FROM needs n {join} WHERE {where}
            GROUP BY 1
            """;
        await using var command = dataSource.CreateCommand(sql);
        parameters.AddTo(command);
        var raw = new List<(string Key, int Count, double Weight, int Reporters)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                raw.Add((reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetInt32(3)));
            }
        }
        var verdict = await SmallGroupsAsync(asked, grouping, categoryLevel, GroupOf, cancellationToken);
        var groups = raw
            .Where(r => r.Count >= scope.SuppressGroupsBelow && verdict?.Shows(r.Key) != false)
            .Select(r => new NeedStatGroup(grouping == NeedStatsGrouping.Status ? StatusKey(r.Key) : r.Key, Label(grouping, r.Key, snapshot), r.Count, Math.Round(r.Weight, 6), r.Reporters))
            .OrderBy(g => IsTime(grouping) ? 0 : -g.Count)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        return new NeedStats(groups.Sum(g => g.Count), groups);
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

    private DateTimeOffset DayStart(DateOnly day) => PublicQuestion.StartOf(day, TimeZoneInfo.FindSystemTimeZoneById(clock.TimeZoneId));

    // Distinct reporters cannot be summed across leaves, so the leaf-to-top mapping joins in SQL.
    private static string TopLevelJoin(ReferenceSnapshot snapshot, SqlParameters parameters)
    {
        var leaves = snapshot.Categories.Select(c => c.Code).ToArray();
        var tops = leaves.Select(snapshot.TopLevelCategoryOf).ToArray();
        return $"JOIN unnest({parameters.Add(leaves, NpgsqlDbType.Array | NpgsqlDbType.Text)}, "
            + $"{parameters.Add(tops, NpgsqlDbType.Array | NpgsqlDbType.Text)}) AS t(leaf_code, top_code) ON t.leaf_code = n.category_code";
    }

    private string KeyExpression(NeedStatsGrouping grouping, JurisdictionLevel level, SqlParameters parameters) => grouping switch
    {
        NeedStatsGrouping.Category => "n.category_code",
        NeedStatsGrouping.Channel => "n.channel_code",
        NeedStatsGrouping.Status => "n.status",
        NeedStatsGrouping.Jurisdiction => $"nullif(split_part(n.jurisdiction_path, '.', {(int)level}), '')",
        NeedStatsGrouping.Day => Bucket("day", parameters),
        NeedStatsGrouping.Week => Bucket("week", parameters),
        NeedStatsGrouping.Month => Bucket("month", parameters),
        _ => throw new ArgumentOutOfRangeException(nameof(grouping)),
    };

    private string Bucket(string unit, SqlParameters parameters) =>
        BucketSql(unit, parameters.Add(clock.TimeZoneId, NpgsqlDbType.Text));

    /// <summary>Statuses are keyed as the NeedStatus enum values clients filter by (IN_PROGRESS, not InProgress).</summary>
    private static string StatusKey(string stored) =>
        string.Concat(stored.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    // date_trunc in the city's zone gives the bucket's start as an instant; read it back in the same zone.
    private static string BucketSql(string unit, string zone) =>
        $"to_char(date_trunc('{unit}', n.received_at, {zone}) AT TIME ZONE {zone}, 'YYYY-MM-DD')";

    private static bool IsTime(NeedStatsGrouping g) => g is NeedStatsGrouping.Day or NeedStatsGrouping.Week or NeedStatsGrouping.Month;

    private static string? Label(NeedStatsGrouping grouping, string key, ReferenceSnapshot snapshot) => grouping switch
    {
        NeedStatsGrouping.Category => snapshot.FindCategory(key)?.Name,
        NeedStatsGrouping.Channel => snapshot.FindChannel(key)?.Name,
        NeedStatsGrouping.Jurisdiction => snapshot.FindJurisdiction(key)?.Name,
        _ => null,
    };
}
