using System.Globalization;
using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>
/// What the current-window tests (<see cref="CellWindowTests"/>, <see cref="CellCategoryWindowTests"/>) write and ask: random needs
/// around three places over the window's span and beyond it, revisions that move them and change their category, and the
/// <c>cells</c> question through GraphQL with a role's token, each answer computed afresh.
/// </summary>
internal sealed class CellWindowNeeds(CellWindowHost host, int seed, string idPrefix)
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(ClockedWeatherHost.Start.AddHours(8).DateTime);
    public static readonly string[] Categories = ["noise.construction", "noise.square_dance", "traffic.parking", "education.enrollment"];

    private const string Query = """
        query($resolution: CellResolution!, $lastDay: DateOnly!, $where: NeedFilter, $jurisdictionCode: String, $bbox: BoundingBox) {
          cells(resolution: $resolution, window: { lastDay: $lastDay, days: 30 }, baselineWindows: 4, where: $where,
                jurisdictionCode: $jurisdictionCode, bbox: $bbox) {
            key jurisdictionCode count demandIndex previousDemandIndex baseline
          }
        }
        """;

    private readonly Random _random = new(seed);
    private long _version = 1;

    public List<(string Id, GeoPoint At, string Channel)> Written { get; } = [];

    public GeoPoint RandomPlace()
    {
        var around = _random.Next(3) switch
        {
            0 => TestNeeds.Jimingshan,
            1 => TestNeeds.ChouchengFirstCommunity,
            _ => TestNeeds.Jiangdong,
        };
        return TestNeeds.Offset(TestNeeds.InteriorOf(host, around), _random.Next(-2500, 2500), _random.Next(-2500, 2500));
    }

    /// <summary>
    /// New needs from 170 days back (beyond the 150 the window and its baselines span) to two days ahead, then revisions that
    /// move them and change their category, received on <paramref name="today"/> or up to <paramref name="revisedSpreadDays"/> before.
    /// </summary>
    public async Task WriteRandomlyAsync(DateOnly today, int created, int revised, int revisedSpreadDays = 0)
    {
        var noon = new DateTimeOffset(today.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
        // The new needs arrive as one delivery (counted together); the revisions below one at a time, each moving a counted need.
        var delivery = new List<TestNeed>(created);
        for (var i = 0; i < created; i++)
        {
            var id = $"{idPrefix}-{Written.Count}";
            var channel = _random.Next(3) == 0 ? "zheliban" : "12345";
            // Some in the same cell several times, so counts above the public's minimum exist.
            var at = Written.Count > 0 && _random.Next(3) == 0 ? Written[_random.Next(Written.Count)].At : RandomPlace();
            delivery.Add(new TestNeed("测试诉求", Categories[_random.Next(Categories.Length)], at, Channel: channel,
                ReceivedAt: noon.AddDays(-_random.Next(-2, 170)).AddHours(_random.Next(-11, 11)), ExternalId: id));
            Written.Add((id, at, channel));
        }
        await TestNeeds.AddManyAsync(host, delivery);
        for (var i = 0; i < revised && Written.Count > 0; i++)
        {
            var index = _random.Next(Written.Count);
            var (id, _, channel) = Written[index];
            var moved = RandomPlace();
            await TestNeeds.AddAsync(host, "改了位置和分类", Categories[_random.Next(Categories.Length)], moved, channel: channel, externalId: id,
                version: ++_version, receivedAt: noon.AddDays(-_random.Next(0, revisedSpreadDays + 1)));
            Written[index] = (id, moved, channel);
        }
    }

    /// <summary>The cells as one string per cell key; <paramref name="extra"/>'s properties are added to the variables.</summary>
    public async Task<SortedDictionary<string, string>> CellsAsync(string? token, string resolution, DateOnly lastDay, object? extra = null)
    {
        // Every read computes afresh: neither the answer nor the response cache may answer for the other path.
        host.Service<CellAnswerCache>().Invalidate();
        var variables = new JsonObject { ["resolution"] = resolution, ["lastDay"] = lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (extra is not null)
        {
            foreach (var (name, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject())
            {
                variables[name] = value?.DeepClone();
            }
        }
        var (status, body, response) = await host.PostAsync(Query, variables, token);
        response.Dispose();
        Assert.True(status == 200 && body?["errors"] is null, $"{status}: {body?.ToJsonString()}");
        return new SortedDictionary<string, string>(body!["data"]!["cells"]!.AsArray().ToDictionary(c => c!["key"]!.GetValue<string>(),
            c => string.Join("|", c!["jurisdictionCode"]!.GetValue<string>(), c["count"]!.GetValue<int>(),
                Math.Round(c["demandIndex"]!.GetValue<double>(), 5), Math.Round(c["previousDemandIndex"]!.GetValue<double>(), 5),
                Math.Round(c["baseline"]!.GetValue<double>(), 5))), StringComparer.Ordinal);
    }

    /// <summary>
    /// Asks every question from the current-window table, then again while the window's state is not the current window's
    /// shape, so the reader falls back to <paramref name="fallback"/>: the answers must be the same. No write runs meanwhile,
    /// so the table's incremental rows stay as they were for the next round.
    /// </summary>
    public async Task AssertTableAgreesWithFallbackAsync(DateOnly lastDay, IEnumerable<(string What, string? Token, string Resolution, object? Extra)> questions,
        string fallback)
    {
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM cell_window_state WHERE last_day = DATE '{lastDay:yyyy-MM-dd}'"));
        var asked = questions.ToList();
        var fromTable = new List<SortedDictionary<string, string>>();
        foreach (var question in asked)
        {
            fromTable.Add(await CellsAsync(question.Token, question.Resolution, lastDay, question.Extra));
        }
        await host.ExecuteSqlAsync("UPDATE cell_window_state SET days = -days");
        try
        {
            for (var i = 0; i < asked.Count; i++)
            {
                var fromFallback = await CellsAsync(asked[i].Token, asked[i].Resolution, lastDay, asked[i].Extra);
                Assert.True(fromFallback.SequenceEqual(fromTable[i]), $"{asked[i].What} on {lastDay}: table {Show(fromTable[i])} {fallback} {Show(fromFallback)}");
            }
        }
        finally
        {
            await host.ExecuteSqlAsync("UPDATE cell_window_state SET days = -days");
        }
        Assert.Contains(fromTable, answer => answer.Count > 3);
    }

    /// <summary>
    /// Turns the window to <paramref name="lastDay"/> as the day-turn job does, checks how (<paramref name="expected"/>), and
    /// compares what the turn left in both current-window tables, row by row, with a recount of the same window from the
    /// blocks and day rows: a shift must leave exactly what a recount does.
    /// </summary>
    public async Task TurnAndCompareWithRecountAsync(DateOnly lastDay, CellWindowCounts.Turn expected)
    {
        var dataSource = host.Service<NpgsqlDataSource>();
        Assert.Equal(expected, await CellWindowCounts.TurnAsync(dataSource, lastDay, CancellationToken.None));
        var turned = await WindowRowsAsync();
        await CellWindowCounts.RecountAloneAsync(dataSource, lastDay, CancellationToken.None);
        var recounted = await WindowRowsAsync();
        Assert.True(turned.Count > 10, $"{turned.Count} rows");
        Assert.True(turned.SequenceEqual(recounted), $"turned to {lastDay} ({expected}): only after the turn "
            + string.Join("; ", turned.Except(recounted).Take(5)) + "; only after the recount " + string.Join("; ", recounted.Except(turned).Take(5)));
    }

    /// <summary>Every row of both current-window tables as one line (weights to 9 places), in key order.</summary>
    private async Task<List<string>> WindowRowsAsync()
    {
        const string Rows = """
            SELECT concat_ws('|', 'cell', resolution, q, r, jurisdiction_path, span_count, window_count, round(window_weight::numeric, 9),
                             previous_count, round(previous_weight::numeric, 9), round(baseline_weight::numeric, 9)) FROM cell_window_counts
            UNION ALL
            SELECT concat_ws('|', 'category', resolution, category_code, q, r, jurisdiction_path, span_count, window_count,
                             round(window_weight::numeric, 9), previous_count, round(previous_weight::numeric, 9), round(baseline_weight::numeric, 9))
            FROM cell_window_category_counts
            ORDER BY 1
            """;
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Rows, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string Show(SortedDictionary<string, string> cells) => string.Join("; ", cells.Select(c => c.Key + "=" + c.Value));
}
