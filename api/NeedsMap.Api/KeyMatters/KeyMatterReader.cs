using NeedsMap.Api.Cases;
using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.KeyMatters;

/// <summary>
/// Ranks categories and topics by <see cref="DemandComponents"/> from the rollups: one statement reads the window
/// and the window before it for one jurisdiction's own rows, and the distinct residents from the reporters rollup.
/// </summary>
public sealed class KeyMatterReader([FromKeyedServices(ReadDatabase.Key)] NpgsqlDataSource dataSource, NeedFilterSql filterSql, ReferenceData reference, AccessScope scope, CaseOptions cases)
{
    public const int MaxTop = 100;
    public const int DefaultTop = 10;

    private sealed record Row(string Category, string Topic, DemandComponents Components);

    public async Task<KeyMatters> ReadAsync(string? jurisdictionCode, CellWindow window, int top, CategoryLevel level, string? categoryCode,
        CancellationToken cancellationToken)
    {
        if (window.Days is < 1 or > CellReader.MaxDays || top is < 1 or > MaxTop)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"window.days takes 1 to {CellReader.MaxDays}, top 1 to {MaxTop}.");
        }
        var snapshot = reference.Current;
        var jurisdiction = Jurisdiction(snapshot, jurisdictionCode);
        string[]? categories = null;
        if (categoryCode is not null)
        {
            categories = snapshot.CategoryWithDescendants(categoryCode)?.ToArray()
                ?? throw new DomainException(ErrorCodes.UnknownCategory, $"No category has the code \"{categoryCode}\".");
        }
        var source = KeyMatterSource.Resolve(scope, jurisdiction, snapshot);
        var rows = source is KeyMatterSource.Nothing ? [] : await ReadRowsAsync(source, window, level, categories, top, cancellationToken);
        var total = rows.FirstOrDefault(r => r.Category == "");
        var items = rows.Where(r => r.Category != "" && r.Components.Records > 0 && Shown(r.Components))
            .Select(r => r with { Components = Withheld(r.Components) }).ToList();
        var categoryItems = Rank(items.Where(r => r.Topic == ""), KeyMatterKind.Category, top, snapshot);
        var topicItems = Rank(items.Where(r => r.Topic != ""), KeyMatterKind.Topic, top, snapshot);
        var shown = source is KeyMatterSource.Rollup r0 ? r0.Jurisdiction : jurisdiction;
        var categoryRows = items.Where(r => r.Topic == "").Select(r => r.Components).ToList();
        return new KeyMatters(shown.Code, shown.Name, window, categoryItems, topicItems,
            categoryRows.Sum(c => c.Records), categoryRows.Sum(c => c.Cases),
            (total?.Components.Residents ?? 0) + categoryRows.Sum(c => c.AnonymousRecords), scope.SuppressGroupsBelow > 0)
        {
            FromRollups = source is KeyMatterSource.Rollup,
            CaseRule = $"{cases.Days}天、{cases.Metres:0}米",
            CaseRuleEn = $"{cases.Days} days and {cases.Metres:0} m",
        }.Explained();
    }

    /// <summary>
    /// The public's small-group rule (Security/Privacy/SmallGroups) on a ranking without a filter: an item of fewer than k
    /// needs or residents is left out; everyone else sees every item.
    /// </summary>
    private bool Shown(DemandComponents c) => c.Records >= scope.SuppressGroupsBelow && c.Residents >= scope.SuppressGroupsBelow;

    /// <summary>For the public, a window before of fewer than k needs counts as none, so one earlier need reads like none.</summary>
    private DemandComponents Withheld(DemandComponents c) =>
        c.PreviousRecords < scope.SuppressGroupsBelow ? c with { PreviousRecords = 0, PreviousWeightedCount = 0 } : c;

    public static JurisdictionInfo Jurisdiction(ReferenceSnapshot snapshot, string? code) => code is null
        ? snapshot.Jurisdictions.Where(j => j.ParentCode is null).OrderBy(j => j.Code, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, "The city has no jurisdictions yet.")
        : snapshot.FindJurisdiction(code) ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{code}\".");

    private static List<KeyMatter> Rank(IEnumerable<Row> rows, KeyMatterKind kind, int top, ReferenceSnapshot snapshot) =>
        rows.OrderByDescending(r => r.Components.Index).ThenByDescending(r => r.Components.Records)
            .ThenBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.Topic, StringComparer.Ordinal)
            .Take(top)
            .Select((r, i) => new KeyMatter(i + 1, kind, r.Category, snapshot.FindCategory(r.Category)?.Name ?? r.Category,
                r.Topic == "" ? null : r.Topic, r.Components))
            .ToList();

    /// <summary>
    /// Reads the sums of each category and topic on each side of the window start (from the needs, with their
    /// reporters); <see cref="DemandTally"/> adds them up. From the rollups the reporters come after: every category's,
    /// and a topic's only when it can still reach the top (see <see cref="CountTopicResidentsAsync"/>). The first row
    /// returned, with empty category and topic, carries the residents of all categories together.
    /// </summary>
    private async Task<List<Row>> ReadRowsAsync(KeyMatterSource source, CellWindow window, CategoryLevel level, string[]? categories, int top,
        CancellationToken ct)
    {
        var p = new SqlParameters();
        var only = Only(p, categories);
        string sql;
        switch (source)
        {
            case KeyMatterSource.Rollup rollup:
                sql = $"""
                    SELECT m.category_code, m.topic, m.day >= @first, sum(m.records)::int, sum(m.cases)::int, sum(m.weight)::float8,
                      sum(m.anonymous)::int, NULL::bigint[]
                    FROM key_matter_demand m
                    WHERE m.jurisdiction_code = {p.Add(rollup.Jurisdiction.Code, NpgsqlDbType.Text)} AND m.day >= @previous AND m.day <= @last {only}
                    GROUP BY 1, 2, 3
                    """;
                break;
            case KeyMatterSource.Needs needs:
                sql = $"""
                    WITH k AS (
                      SELECT k.day, k.category_code, k.weight, k.opens_case, k.reporter, k.topics
                      FROM key_matter_needs k JOIN needs n ON n.id = k.need_id
                      WHERE {filterSql.Where(needs.Filter, p)} AND k.jurisdiction_path LIKE {p.Add(needs.Jurisdiction.Path + "%", NpgsqlDbType.Text)}
                        AND k.day >= @previous AND k.day <= @last),
                    e AS (
                      SELECT day, category_code, '' AS topic, weight, opens_case, reporter FROM k
                      UNION ALL SELECT k.day, k.category_code, t.topic, k.weight, k.opens_case, k.reporter FROM k, unnest(k.topics) AS t(topic))
                    SELECT m.category_code, m.topic, m.day >= @first, count(*)::int, (count(*) FILTER (WHERE m.opens_case))::int,
                      sum(m.weight)::float8, (count(*) FILTER (WHERE m.reporter IS NULL))::int,
                      array_agg(DISTINCT m.reporter) FILTER (WHERE m.reporter IS NOT NULL AND m.day >= @first)
                    FROM e m WHERE true {only}
                    GROUP BY 1, 2, 3
                    """;
                break;
            default:
                return [];
        }
        var tallies = new Dictionary<(string Category, string Topic), DemandTally>();
        var everyone = new DemandTally();
        await using (var command = WindowCommand(sql, p, window))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var tally = TallyOf(tallies, level, reader.GetString(0), reader.GetString(1));
                var reporters = reader.IsDBNull(7) ? null : reader.GetFieldValue<long[]>(7);
                tally.Add(reader.GetBoolean(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetDouble(5), reader.GetInt32(6), reporters);
                tally.HasReporters = source is KeyMatterSource.Needs;
                if (reader.GetString(1).Length == 0)
                {
                    everyone.AddReporters(reporters);
                }
            }
        }
        if (source is KeyMatterSource.Rollup r)
        {
            // The categories' reporters, for their residents and everyone's; then those of the topics that can rank.
            var byCategory = tallies.Where(t => t.Key.Topic.Length == 0).Select(t => t.Value).ToHashSet();
            await LoadReportersAsync(r.Jurisdiction, window, level, categories, null, tallies, byCategory, everyone, ct);
            await CountTopicResidentsAsync(r.Jurisdiction, window, level, categories, tallies, top, ct);
            if (scope.SuppressGroupsBelow > 0)
            {
                // The residents of all categories together are those of the categories shown: a hidden one's are not added in.
                everyone.Dispose();
                everyone = new DemandTally();
                foreach (var shown in byCategory.Where(t => Shown(t.Components())))
                {
                    shown.AddReportersTo(everyone);
                }
            }
        }
        var rows = new List<Row>(tallies.Count + 1) { new("", "", new DemandComponents(0, 0, everyone.DistinctReporters, 0, 0, 0, 0)) };
        rows.AddRange(tallies.Where(t => t.Value.HasReporters).Select(t => new Row(t.Key.Category, t.Key.Topic, t.Value.Components())));
        everyone.Dispose();
        foreach (var tally in tallies.Values)
        {
            tally.Dispose();
        }
        return rows;
    }

    /// <summary>
    /// Reads the reporters of the topics that can still make the top: a topic's index can be no higher than with
    /// every named record a different resident, so the topics are taken in the order of that bound, a few at a time,
    /// until the next bound falls below the <paramref name="top"/>th exact index. The rest cannot rank and keep no
    /// residents count; the ranking is the one counting them all would give. A city-wide window has hundreds of
    /// topics, most of the reporters in its rows, and only a few dozen need counting.
    /// </summary>
    private async Task CountTopicResidentsAsync(JurisdictionInfo jurisdiction, CellWindow window, CategoryLevel level, string[]? categories,
        Dictionary<(string Category, string Topic), DemandTally> tallies, int top, CancellationToken ct)
    {
        var pending = tallies.Where(t => t.Key.Topic.Length > 0 && t.Value.Records > 0 && t.Value.Records >= scope.SuppressGroupsBelow)
            .OrderByDescending(t => t.Value.UpperBound().Index).ToList();
        var counted = new List<double>();
        var next = 0;
        while (next < pending.Count)
        {
            var kth = counted.Count < top ? double.NaN : Kth(counted, top);
            var take = double.IsNaN(kth) ? 2 * top : pending.Skip(next).TakeWhile(t => t.Value.UpperBound().Index >= kth).Count();
            if (take == 0)
            {
                break;
            }
            var batch = pending.Skip(next).Take(take).ToList();
            next += batch.Count;
            var wanted = batch.Select(t => t.Value).ToHashSet();
            await LoadReportersAsync(jurisdiction, window, level, categories, batch.Select(t => t.Key.Topic).Distinct().ToArray(), tallies, wanted, null, ct);
            counted.AddRange(wanted.Select(t => t.Components().Index));
        }
    }

    /// <summary>
    /// Adds to <paramref name="wanted"/> the reporters of the window's rows of the given topics (the categories'
    /// own rows when <paramref name="topics"/> is null), and to <paramref name="everyone"/> all of them.
    /// </summary>
    private async Task LoadReportersAsync(JurisdictionInfo jurisdiction, CellWindow window, CategoryLevel level, string[]? categories, string[]? topics,
        Dictionary<(string Category, string Topic), DemandTally> tallies, HashSet<DemandTally> wanted, DemandTally? everyone, CancellationToken ct)
    {
        var p = new SqlParameters();
        var topic = topics is null ? "m.topic = ''" : $"m.topic = ANY({p.Add(topics, NpgsqlDbType.Array | NpgsqlDbType.Text)})";
        var sql = $"""
            SELECT m.category_code, m.topic, m.reporters FROM key_matter_demand m
            WHERE m.jurisdiction_code = {p.Add(jurisdiction.Code, NpgsqlDbType.Text)} AND m.day >= @first AND m.day <= @last
              AND {topic} AND cardinality(m.reporters) > 0 {Only(p, categories)}
            """;
        await using var command = WindowCommand(sql, p, window);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var tally = TallyOf(tallies, level, reader.GetString(0), reader.GetString(1));
            if (wanted.Contains(tally))
            {
                var reporters = reader.GetFieldValue<long[]>(2);
                tally.AddReporters(reporters);
                everyone?.AddReporters(reporters);
            }
        }
        foreach (var tally in wanted)
        {
            tally.HasReporters = true;
        }
    }

    private static string Only(SqlParameters p, string[]? categories) =>
        categories is null ? "" : $"AND m.category_code = ANY({p.Add(categories, NpgsqlDbType.Array | NpgsqlDbType.Text)})";

    private static double Kth(List<double> indexes, int k) => indexes.OrderByDescending(i => i).ElementAt(k - 1);

    private DemandTally TallyOf(Dictionary<(string Category, string Topic), DemandTally> tallies, CategoryLevel level, string category, string topic)
    {
        var key = (level == CategoryLevel.Top ? reference.Current.TopLevelCategoryOf(category) : category, topic);
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new DemandTally();
        }
        return tally;
    }

    private NpgsqlCommand WindowCommand(string sql, SqlParameters p, CellWindow window)
    {
        var command = dataSource.CreateCommand(sql);
        p.AddTo(command);
        command.Parameters.AddWithValue("first", window.FirstDay);
        command.Parameters.AddWithValue("last", window.LastDay);
        command.Parameters.AddWithValue("previous", window.FirstDay.AddDays(-window.Days));
        return command;
    }
}
