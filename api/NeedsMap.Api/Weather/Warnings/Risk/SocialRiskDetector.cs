using System.Globalization;
using System.Text.Json;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Api.Weather.Warnings.Risk;

/// <summary>
/// Looks for social risk (社会风险) in every matter (a community and a leaf category) over the last
/// <see cref="RiskTest.WindowDays"/> city days against its <see cref="RiskTest.BaselineDays"/> days before
/// (<see cref="RiskTest"/>), and raises a SOCIAL_RISK warning with its evidence: counts, expected counts, p-values
/// and the lexicon's words found — never a text, a need or a resident. A matter warned about is not warned about
/// again while its window overlaps the one that raised it. The needs are read in SQL; the signals are counted in C#
/// (<see cref="RiskCounts"/>), the same code the false-alarm bench runs (bench/results/risk.md).
/// </summary>
public sealed class SocialRiskDetector(NpgsqlDataSource dataSource, CityDays days, TimeProvider time, ILogger<SocialRiskDetector> logger)
{
    /// <summary>The evidence keeps Chinese words readable in the stored JSON.</summary>
    private static readonly JsonSerializerOptions EvidenceJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Measured on generated quiet periods (bench/results/risk.md, held-out seed): false alarms per 1,000 matter-windows tested.</summary>
    public const string MeasuredFalseAlarms = "2.3 per 1,000 matter-windows tested, 0.27 false warnings a week city-wide at 300,000 needs a year "
        + "(bench/results/risk.md, 2026-12-04; the nominal α is not the real rate: demand is overdispersed)";

    /// <summary>Stored with each warning (at most 200 characters); the full rule is on the DemandWarning type and in the README.</summary>
    public static readonly string TestName = string.Create(CultureInfo.InvariantCulture,
        $"Social risk: residents, collective-action words, anger, repeats vs the {RiskTest.BaselineDays} days before; Fisher p < {RiskTest.Alpha}, "
        + $"≥ {RiskTest.MinResidents} residents, a text or repeat signal p < {RiskTest.SignalAlpha}; {RiskTest.WindowDays}-day window");

    public static readonly string Rule = "residents (Poisson against the matter's baseline needs), needs with collective-action or escalation words, "
        + "with anger, and repeating after a resolved answer (each binomial on the window's needs with the matter's baseline share, shrunk to the "
        + "category's city-wide share), Fisher-combined. " + TestName + ". False-alarm rate on generated quiet periods: " + MeasuredFalseAlarms;

    /// <summary>A need repeats when its resident's earlier need in the same top category was answered (resolved or closed, by its status or a whistle) before it.</summary>
    private const string RepeatSql = """
        (n.reporter_key IS NOT NULL AND (
           EXISTS (SELECT 1 FROM needs m
                   WHERE m.reporter_key = n.reporter_key AND m.id <> n.id AND m.received_at < n.received_at
                     AND split_part(m.category_code, '.', 1) = split_part(n.category_code, '.', 1)
                     AND ((m.status IN ('Resolved', 'Closed') AND m.updated_at < n.received_at)
                          OR EXISTS (SELECT 1 FROM whistle_needs wn JOIN whistles w ON w.id = wn.whistle_id
                                     WHERE wn.need_id = m.id AND w.status IN ('Resolved', 'Closed') AND w.resolved_at < n.received_at)))
           OR EXISTS (SELECT 1 FROM whistles w
                      WHERE w.category_code IS NOT NULL AND w.status IN ('Resolved', 'Closed') AND w.resolved_at < n.received_at
                        AND n.jurisdiction_path LIKE w.subject_jurisdiction_path || '%'
                        AND (n.category_code = w.category_code OR n.category_code LIKE w.category_code || '.%')
                        AND EXISTS (SELECT 1 FROM needs m WHERE m.reporter_key = n.reporter_key AND m.id <> n.id AND m.received_at < w.resolved_at))))
        """;

    public async Task<IReadOnlyList<long>> DetectAsync(DateOnly? lastDay, CancellationToken cancellationToken)
    {
        var last = CellWindow.Valid(lastDay ?? days.Today);
        var first = last.AddDays(1 - RiskTest.WindowDays);
        var (windowStart, windowEnd, baselineStart) = (days.StartOf(first), days.StartOf(last.AddDays(1)), days.StartOf(first.AddDays(-RiskTest.BaselineDays)));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var window = await ReadAsync(connection, windowStart, windowEnd, null, cancellationToken);
        var candidates = window.GroupBy(r => (r.Need.Community, r.Need.Category))
            .Select(g => (Key: g.Key, Path: g.First().Path, Counts: RiskCounts.Of(g.Select(r => r.Need), withWords: true)))
            .Where(c => c.Counts.Residents >= RiskTest.MinResidents).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }
        var baseline = (await ReadAsync(connection, baselineStart, windowStart, candidates.Select(c => c.Key).ToList(), cancellationToken))
            .GroupBy(r => (r.Need.Community, r.Need.Category)).ToDictionary(g => g.Key, g => RiskCounts.Of(g.Select(r => r.Need)));
        var shares = await CategorySharesAsync(connection, baselineStart, windowStart, [.. candidates.Select(c => c.Key.Category).Distinct()], cancellationToken);

        var raised = new List<long>();
        foreach (var (key, path, counts) in candidates)
        {
            var assessment = RiskTest.Assess(counts, baseline.GetValueOrDefault(key) ?? RiskCounts.Empty,
                shares.GetValueOrDefault(key.Category) ?? new RiskTest.Shares(0, 0, 0));
            if (assessment.Raised && await InsertAsync(connection, key, path, first, last, counts, assessment, cancellationToken) is { } id)
            {
                raised.Add(id);
            }
        }
        if (raised.Count > 0)
        {
            logger.LogInformation("Raised {Count} social-risk warnings for the window ending {Day}", raised.Count, last);
        }
        return raised;
    }

    private sealed record Row(RiskNeed Need, string Path);

    private async Task<List<Row>> ReadAsync(NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset before,
        IReadOnlyList<(string Community, string Category)>? matters, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT n.jurisdiction_code, n.category_code, n.received_at, n.reporter_key, n.text, n.jurisdiction_path, {RepeatSql}
            FROM needs n
            WHERE n.received_at >= @from AND n.received_at < @before
            {(matters is null ? "" : "AND (n.jurisdiction_code, n.category_code) IN (SELECT * FROM unnest(@communities, @categories))")}
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("before", before);
        if (matters is not null)
        {
            command.Parameters.AddWithValue("communities", matters.Select(m => m.Community).ToArray());
            command.Parameters.AddWithValue("categories", matters.Select(m => m.Category).ToArray());
        }
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(new RiskNeed(reader.GetString(0), reader.GetString(1), days.DayOf(reader.GetFieldValue<DateTimeOffset>(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetBoolean(6)), reader.GetString(5)));
        }
        return rows;
    }

    /// <summary>The city-wide share of each category's baseline needs with collective-action and with anger words (the priors shares shrink to).</summary>
    private static async Task<Dictionary<string, RiskTest.Shares>> CategorySharesAsync(NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset before,
        string[] categories, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT n.category_code, count(*)::int, count(*) FILTER (WHERE n.text ~ @collective)::int, count(*) FILTER (WHERE n.text ~ @anger)::int
            FROM needs n WHERE n.received_at >= @from AND n.received_at < @before AND n.category_code = ANY(@categories)
            GROUP BY 1
            """, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("before", before);
        command.Parameters.AddWithValue("categories", categories);
        command.Parameters.AddWithValue("collective", RiskLexicon.CollectivePattern);
        command.Parameters.AddWithValue("anger", RiskLexicon.AngerPattern);
        var shares = new Dictionary<string, RiskTest.Shares>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var n = (double)reader.GetInt32(1);
            // Repeats are rare and costly to count city-wide: their prior is the floor share.
            shares[reader.GetString(0)] = new RiskTest.Shares(reader.GetInt32(2) / n, reader.GetInt32(3) / n, 0);
        }
        return shares;
    }

    private async Task<long?> InsertAsync(NpgsqlConnection connection, (string Community, string Category) key, string path, DateOnly first, DateOnly last,
        RiskCounts counts, RiskTest.Assessment assessment, CancellationToken cancellationToken)
    {
        var scopeKey = $"risk:{key.Community}:{key.Category}";
        var evidence = JsonSerializer.Serialize(new
        {
            kind = "socialRisk",
            community = key.Community,
            category = key.Category,
            windowDays = RiskTest.WindowDays,
            baselineDays = RiskTest.BaselineDays,
            needs = counts.Needs,
            residents = counts.Residents,
            signals = assessment.Signals.Select(s => new { name = s.Name, observed = s.Observed, expected = Math.Round(s.Expected, 3), p = s.PValue }),
            fisherChiSquare = Math.Round(assessment.Chi, 3),
            words = counts.Words.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).ToDictionary(w => w.Key, w => w.Value),
            alpha = RiskTest.Alpha,
            falseAlarms = MeasuredFalseAlarms,
        }, EvidenceJson);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO demand_warnings (scope, scope_key, jurisdiction_code, jurisdiction_path, window_start, window_end,
                                         observed, expected, p_value, test, evidence, raised_at, kind, category_code)
            SELECT 'Jurisdiction', @key, @jcode, @jpath, @first, @last, @observed, @expected, @p, @test, @evidence::jsonb, @now, 'SocialRisk', @category
            WHERE NOT EXISTS (SELECT 1 FROM demand_warnings WHERE scope_key = @key AND kind = 'SocialRisk' AND window_end >= @first)
            ON CONFLICT (scope, scope_key, window_end) DO NOTHING
            RETURNING id
            """, connection, transaction);
        insert.Parameters.AddWithValue("key", scopeKey);
        insert.Parameters.AddWithValue("jcode", key.Community);
        insert.Parameters.AddWithValue("jpath", path);
        insert.Parameters.AddWithValue("first", first);
        insert.Parameters.AddWithValue("last", last);
        insert.Parameters.AddWithValue("observed", counts.Residents);
        insert.Parameters.AddWithValue("expected", assessment.Signals[0].Expected);
        insert.Parameters.AddWithValue("p", assessment.PValue);
        insert.Parameters.AddWithValue("test", TestName);
        insert.Parameters.AddWithValue("evidence", evidence);
        insert.Parameters.AddWithValue("now", time.GetUtcNow());
        insert.Parameters.AddWithValue("category", key.Category);
        long? id = await insert.ExecuteScalarAsync(cancellationToken) is long raised ? raised : null;
        if (id is { } warning)
        {
            await CellNotifications.NotifyWarningAsync(connection, warning, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return id;
    }
}
