using NeedsMap.Api.Cases;
using NeedsMap.Api.Cells.Rollups;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Filtering;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.KeyMatters;

/// <summary>
/// Ranks categories and topics by <see cref="DemandComponents"/> from the rollups: one statement reads the window
/// and the window before it for one jurisdiction's own rows, and the distinct residents from the reporters rollup.
/// </summary>
public sealed class KeyMatterReader(NpgsqlDataSource dataSource, NeedFilterSql filterSql, ReferenceData reference, AccessScope scope, CaseOptions cases)
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
        var rows = source is KeyMatterSource.Nothing ? [] : await ReadRowsAsync(source, window, level, categories, cancellationToken);
        var total = rows.FirstOrDefault(r => r.Category == "");
        var items = rows.Where(r => r.Category != "" && r.Components.Records > 0 && r.Components.Records >= scope.SuppressGroupsBelow).ToList();
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

    private async Task<List<Row>> ReadRowsAsync(KeyMatterSource source, CellWindow window, CategoryLevel level, string[]? categories, CancellationToken ct)
    {
        var p = new SqlParameters();
        var snapshot = reference.Current;
        string demand, reporters;
        var join = "";
        var cat = "m.category_code";
        if (level == CategoryLevel.Top)
        {
            var leaves = snapshot.Categories.Select(c => c.Code).ToArray();
            join = $"JOIN unnest({p.Add(leaves, NpgsqlDbType.Array | NpgsqlDbType.Text)}, "
                + $"{p.Add(leaves.Select(snapshot.TopLevelCategoryOf).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}) AS t(leaf, top) ON t.leaf = m.category_code";
            cat = "t.top";
        }
        var only = categories is null ? "" : $"AND m.category_code = ANY({p.Add(categories, NpgsqlDbType.Array | NpgsqlDbType.Text)})";
        var prefix = "";
        switch (source)
        {
            case KeyMatterSource.Rollup rollup:
                var code = p.Add(rollup.Jurisdiction.Code, NpgsqlDbType.Text);
                demand = $"key_matter_demand m {join} WHERE m.jurisdiction_code = {code}";
                reporters = $"key_matter_reporters m {join} WHERE m.jurisdiction_code = {code}";
                break;
            case KeyMatterSource.Needs needs:
                prefix = $"""
                    k AS (
                      SELECT k.day, k.category_code, k.weight, k.opens_case, k.reporter, k.topics
                      FROM key_matter_needs k JOIN needs n ON n.id = k.need_id
                      WHERE {filterSql.Where(needs.Filter, p)} AND k.jurisdiction_path LIKE {p.Add(needs.Jurisdiction.Path + "%", NpgsqlDbType.Text)}
                        AND k.day >= @previous AND k.day <= @last),
                    e AS (
                      SELECT day, category_code, '' AS topic, weight, opens_case, reporter FROM k
                      UNION ALL SELECT k.day, k.category_code, t.topic, k.weight, k.opens_case, k.reporter FROM k, unnest(k.topics) AS t(topic)),
                    own AS (
                      SELECT day, category_code, topic, 1 AS records, CASE WHEN opens_case THEN 1 ELSE 0 END AS cases, weight,
                        CASE WHEN reporter IS NULL THEN 1 ELSE 0 END AS anonymous, reporter FROM e),
                    """;
                demand = $"own m {join} WHERE true";
                reporters = $"own m {join} WHERE m.reporter IS NOT NULL";
                break;
            default:
                return [];
        }
        var sql = $"""
            WITH {prefix}
            d AS (
              SELECT {cat} AS cat, m.topic,
                coalesce(sum(m.records) FILTER (WHERE m.day >= @first), 0)::int AS records,
                coalesce(sum(m.cases) FILTER (WHERE m.day >= @first), 0)::int AS cases,
                coalesce(sum(m.weight) FILTER (WHERE m.day >= @first), 0)::float8 AS weight,
                coalesce(sum(m.anonymous) FILTER (WHERE m.day >= @first), 0)::int AS anonymous,
                coalesce(sum(m.weight) FILTER (WHERE m.day < @first), 0)::float8 AS previous_weight,
                coalesce(sum(m.records) FILTER (WHERE m.day < @first), 0)::int AS previous_records
              FROM {demand} AND m.day >= @previous AND m.day <= @last {only}
              GROUP BY 1, 2),
            r AS (
              SELECT {cat} AS cat, m.topic, count(DISTINCT m.reporter)::int AS residents
              FROM {reporters} AND m.day >= @first AND m.day <= @last {only}
              GROUP BY 1, 2)
            SELECT d.cat, d.topic, d.records, d.cases, d.weight, d.anonymous, d.previous_weight, d.previous_records, coalesce(r.residents, 0)
            FROM d LEFT JOIN r ON r.cat = d.cat AND r.topic = d.topic
            UNION ALL
            SELECT '', '', 0, 0, 0, 0, 0, 0, (SELECT count(DISTINCT m.reporter)::int FROM {reporters} AND m.topic = '' AND m.day >= @first AND m.day <= @last {only})
            """;
        await using var command = dataSource.CreateCommand(sql);
        p.AddTo(command);
        command.Parameters.AddWithValue("first", window.FirstDay);
        command.Parameters.AddWithValue("last", window.LastDay);
        command.Parameters.AddWithValue("previous", window.FirstDay.AddDays(-window.Days));
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var anonymous = reader.GetInt32(5);
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), new DemandComponents(reader.GetInt32(2), reader.GetInt32(3),
                reader.GetInt32(8) + anonymous, anonymous, Math.Round(reader.GetDouble(4), 6), Math.Round(reader.GetDouble(6), 6), reader.GetInt32(7))));
        }
        return rows;
    }
}
