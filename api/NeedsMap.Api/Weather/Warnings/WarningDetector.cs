using System.Globalization;
using System.Text;
using System.Text.Json;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Api.Weather.Warnings;

/// <summary>
/// Looks for rises its history does not explain, in every 500 m cell, every community and every category:
/// the count of the last <see cref="WindowDays"/> city days against a Poisson with mean λ = the mean count of the
/// <see cref="BaselineWindows"/> windows before (at least <see cref="LambdaFloor"/>). A warning needs
/// P(X ≥ observed | λ) &lt; <see cref="Alpha"/> and at least <see cref="MinObserved"/> needs. When counts are
/// Poisson, each scope tested raises a false alarm with probability below α = 0.001 per window, so a city with
/// K scopes holding ≥ 5 needs expects fewer than 0.001·K false alarms a day. Real demand is overdispersed
/// (weather, holidays), so the real rate is higher; the evidence stored with each warning lets a person judge it.
/// </summary>
public sealed class WarningDetector(NpgsqlDataSource dataSource, CityDays days, TimeProvider time, ILogger<WarningDetector> logger)
{
    public const int WindowDays = 7;
    public const int BaselineWindows = 8;
    public const double Alpha = 0.001;
    public const double LambdaFloor = 0.5;
    public const int MinObserved = 5;
    public const HexResolution Resolution = HexResolution.R500;
    public static readonly string TestName = string.Create(CultureInfo.InvariantCulture,
        $"Poisson upper tail, {WindowDays}-day count vs mean of {BaselineWindows} previous windows (λ ≥ {LambdaFloor}), p < {Alpha}, n ≥ {MinObserved}");

    private sealed record Candidate(WarningScope Scope, string Key, string? JurisdictionCode, string? JurisdictionPath, int Observed, int[] History);

    /// <summary>Tests the window ending with <paramref name="lastDay"/> (today by default); returns the warnings newly raised.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "False positive: the command is declared with await using.")]
    public async Task<IReadOnlyList<long>> DetectAsync(DateOnly? lastDay, CancellationToken cancellationToken)
    {
        var last = CellWindow.Valid(lastDay ?? days.Today);
        var first = last.AddDays(1 - WindowDays);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var candidates = new List<Candidate>();
        candidates.AddRange(await ReadAsync(connection, WarningScope.Cell, "c.id", "c.jurisdiction_code", "c.jurisdiction_path", CellDays, first, cancellationToken));
        candidates.AddRange(await ReadAsync(connection, WarningScope.Jurisdiction, "c.jurisdiction_code", "c.jurisdiction_code", "c.jurisdiction_path",
            CellDays, first, cancellationToken));
        candidates.AddRange(await ReadAsync(connection, WarningScope.Category, "d.category_code", "NULL::text", "NULL::text", CategoryDays, first,
            cancellationToken));

        var raised = new List<long>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var c in candidates)
        {
            var lambda = Math.Max(c.History.Average(), LambdaFloor);
            var p = PoissonTest.UpperTail(c.Observed, lambda);
            if (p >= Alpha)
            {
                continue;
            }
            var evidence = JsonSerializer.Serialize(new
            {
                windowCounts = c.History, lambda, lambdaFloor = LambdaFloor, observed = c.Observed, alpha = Alpha, windowDays = WindowDays,
            });
            await using var insert = new NpgsqlCommand("""
                INSERT INTO demand_warnings (scope, scope_key, jurisdiction_code, jurisdiction_path, window_start, window_end,
                                             observed, expected, p_value, test, evidence, raised_at)
                VALUES (@scope, @key, @jcode, @jpath, @first, @last, @observed, @expected, @p, @test, @evidence::jsonb, @now)
                ON CONFLICT (scope, scope_key, window_end) DO NOTHING
                RETURNING id
                """, connection, transaction);
            insert.Parameters.AddWithValue("scope", c.Scope.ToString());
            insert.Parameters.AddWithValue("key", c.Key);
            insert.Parameters.AddWithValue("jcode", (object?)c.JurisdictionCode ?? DBNull.Value);
            insert.Parameters.AddWithValue("jpath", (object?)c.JurisdictionPath ?? DBNull.Value);
            insert.Parameters.AddWithValue("first", first);
            insert.Parameters.AddWithValue("last", last);
            insert.Parameters.AddWithValue("observed", c.Observed);
            insert.Parameters.AddWithValue("expected", c.History.Average());
            insert.Parameters.AddWithValue("p", p);
            insert.Parameters.AddWithValue("test", TestName);
            insert.Parameters.AddWithValue("evidence", evidence);
            insert.Parameters.AddWithValue("now", time.GetUtcNow());
            if (await insert.ExecuteScalarAsync(cancellationToken) is long id)
            {
                raised.Add(id);
                await CellNotifications.NotifyWarningAsync(connection, id, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        if (raised.Count > 0)
        {
            logger.LogInformation("Raised {Count} demand warnings for the window ending {Day}", raised.Count, last);
        }
        return raised;
    }

    /// <summary>
    /// Counts by day to read: <see cref="From"/> names the rows (aliased d, with a count column) and ends in a WHERE clause on
    /// the resolution (@resolution) that the read extends with the days; <see cref="Day"/> is their day column.
    /// </summary>
    private sealed record DayCounts(string From, string Day);

    // A cell's and a jurisdiction's counts come from the cells' 1-day blocks (all categories, one row a cell a day), not from
    // the day rows by category and channel: at 10M needs over three years, 1,092 ms against 201 ms for the cells' read.
    private static readonly DayCounts CellDays = new(
        "cell_demand_blocks d JOIN cells c ON c.resolution = d.resolution AND c.q = d.q AND c.r = d.r WHERE d.block_days = 1 AND d.resolution = @resolution",
        "d.block_start");

    // A category's come from the day rows, which alone keep it; its key needs no cell, so no join.
    private static readonly DayCounts CategoryDays = new("cell_demand d WHERE d.resolution = @resolution", "d.day");

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Interpolates only this class's constants and column expressions; every value is a parameter.")]
    private static async Task<List<Candidate>> ReadAsync(NpgsqlConnection connection, WarningScope scope, string key, string jcode, string jpath,
        DayCounts source, DateOnly first, CancellationToken cancellationToken)
    {
        var day = source.Day;
        var history = new StringBuilder();
        for (var w = BaselineWindows; w >= 1; w--)
        {
            history.Append(CultureInfo.InvariantCulture,
                $", coalesce(sum(d.count) FILTER (WHERE {day} >= @first - {w * WindowDays} AND {day} < @first - {(w - 1) * WindowDays}), 0)::int");
        }
        var sql = $"""
            SELECT {key}, min({jcode}), min({jpath}), coalesce(sum(d.count) FILTER (WHERE {day} >= @first), 0)::int {history}
            FROM {source.From} AND {day} >= @first - {BaselineWindows * WindowDays} AND {day} < @first + {WindowDays}
            GROUP BY 1
            HAVING coalesce(sum(d.count) FILTER (WHERE {day} >= @first), 0) >= {MinObserved}
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("resolution", (short)Resolution);
        var result = new List<Candidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var counts = Enumerable.Range(0, BaselineWindows).Select(i => reader.GetInt32(4 + i)).ToArray();
            result.Add(new Candidate(scope, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3), counts));
        }
        return result;
    }
}
