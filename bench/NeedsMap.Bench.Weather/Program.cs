using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NeedsMap.Api.Startup;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Trends;
using NeedsMap.Bench;
using NeedsMap.Bench.Weather;
using Npgsql;

// dotnet run -c Release --project bench/NeedsMap.Bench.Weather -- [needs=1000000] [runs=21] [days=365]
// 10M over 1,095 days (docs/partitions.md): three years of a province, so time partitions have something to prune.
var needs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var runsAsked = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 21;
// The product's figures take a few milliseconds and at least 11 timed runs at every size: medians of 5 (the 10M command)
// swung 2x between runs on this shared machine. The plain ST_AsMVT baseline takes seconds a call at 10M: it keeps the runs asked.
var runs = Math.Max(runsAsked, 11);
var baselineRuns = runsAsked;
var spanDays = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 365;
var server = BenchDatabase.Server;
var database = spanDays == 365 ? $"needsmap_bench_weather_{needs}" : $"needsmap_bench_weather_{needs}_{spanDays}d";
var connectionString = await BenchDatabase.EnsureAsync(database);

var builder = WebApplication.CreateBuilder();
builder.Configuration["ConnectionStrings:NeedsMap"] = connectionString;
builder.Configuration["NeedsMap:LoadDemoCity"] = "true";
builder.Configuration["NeedsMap:Weather:DetectorIntervalSeconds"] = "86400";
// The bench turns the day itself (timed below): the server's day-turn job checks at start only, not during the run.
builder.Configuration["NeedsMap:Weather:WindowCheckSeconds"] = "86400";
builder.Configuration["Logging:LogLevel:Default"] = "Warning";
// Measured as a city department reads the map: with a token, through the security middleware and the caller's scope.
var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
builder.Configuration["NeedsMap:Auth:SigningKey"] = signingKey;
builder.Configuration["NeedsMap:Privacy:Keys:1"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
builder.Configuration["NeedsMap:Privacy:CurrentKeyId"] = "1";
// Production refuses the published development salt (Startup/SettingsRules).
builder.Configuration["NeedsMap:Plugins:IdentitySalt"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
builder.Configuration["NeedsMap:RateLimit:PermitsPerMinute"] = "1000000";
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddNeedsMap(builder.Configuration);
var app = builder.Build();
app.MapNeedsMap();
await app.StartAsync();
var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient { BaseAddress = new Uri(baseAddress) };
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
    new NeedsMap.Api.Security.Auth.TokenIssuer(new NeedsMap.Api.Security.Auth.AuthSettings { SigningKey = signingKey })
        .Issue("bench", NeedsMap.Api.Security.Auth.RoleRights.DepartmentStaff, null, null, TimeSpan.FromHours(4)));
AsyncServiceScope Scoped()
{
    var scope = app.Services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<NeedsMap.Api.Security.Auth.AccessScope>().Establish(
        new NeedsMap.Api.Security.Auth.Caller("bench", NeedsMap.Api.Security.Auth.RoleRights.DepartmentStaff, null, null, Authenticated: true),
        app.Services.GetRequiredService<NeedsMap.Api.Reference.ReferenceData>().Current, 0);
    return scope;
}
var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
var days = app.Services.GetRequiredService<CityDays>();
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

async Task<long> ScalarAsync(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    command.CommandTimeout = 0;
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

Say($"# Weather map benchmark\n\nRun {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared), PostgreSQL at {new NpgsqlConnectionStringBuilder(server).Host}:{new NpgsqlConnectionStringBuilder(server).Port}.\n");
Say("```\nexport NEEDSMAP_DB=\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\"");
Say($"dotnet run -c Release --project bench/NeedsMap.Bench.Weather -- {needs} {runsAsked}{(spanDays == 365 ? "" : $" {spanDays}")}\n```\n");
var stored = await ScalarAsync("SELECT count(*) FROM needs");
if (stored < needs)
{
    var sw = Stopwatch.StartNew();
    // Nothing measured here searches text: the trigram index only slows the load down.
    await ScalarAsync("TRUNCATE needs, need_history, cell_demand, cells, demand_warnings RESTART IDENTITY CASCADE; DROP INDEX IF EXISTS ix_needs_text; SELECT 0");
    // A bulk load as an operator would do it: the span's quarter partitions made first (else the rows would land in the
    // DEFAULT partitions), the secondary indexes and need_keys' row trigger set aside during COPY and rebuilt once after.
    foreach (var table in NeedsMap.Api.Partitions.PartitionUpkeep.Tables)
    {
        await ScalarAsync($"SELECT count(*) FROM (SELECT needsmap_ensure_quarter('{table}', g) FROM generate_series(now() - interval '{spanDays + 1} days', now(), interval '1 month') g) x");
    }
    var rebuildAfter = new List<string>();
    await using (var defs = dataSource.CreateCommand("""
        SELECT 'DROP INDEX ' || i.indexrelid::regclass, pg_get_indexdef(i.indexrelid) FROM pg_index i
        WHERE i.indrelid = 'needs'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
          AND NOT i.indisunique
        UNION ALL SELECT 'DROP TRIGGER ' || t.tgname || ' ON needs', pg_get_triggerdef(t.oid) FROM pg_trigger t
        WHERE t.tgrelid = 'needs'::regclass AND t.tgname IN ('needs_keep_keys', 'needs_stat_inserted')
        """))
    await using (var reader = await defs.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            await ScalarAsync(reader.GetString(0) + "; SELECT 0");
            // A partitioned parent's index reads "ON ONLY needs", which would make it for the parent alone: make it for all.
            rebuildAfter.Add(reader.GetString(1).Replace(" ON ONLY ", " ON ", StringComparison.Ordinal));
        }
    }
    await NeedGenerator.LoadAsync(dataSource, needs, spanDays, DateTimeOffset.UtcNow, seed: 2026);
    var loaded = sw.Elapsed;
    await ScalarAsync("INSERT INTO need_keys (need_id, channel_code, external_id) SELECT id, channel_code, external_id FROM needs ON CONFLICT DO NOTHING; SELECT 0");
    foreach (var ddl in rebuildAfter)
    {
        await ScalarAsync(ddl + "; SELECT 0");
    }
    await ScalarAsync("SELECT 0 FROM needsmap_name_partition_indexes('needs')");
    await ScalarAsync("ANALYZE needs; SELECT 0");
    // needStats' insert trigger goes aside too: rebuildCells below recounts its rollup from the needs.
    Say($"- COPY {loaded.TotalSeconds:0.0} s, then need_keys and the needs indexes built once ({rebuildAfter.Count - 2} indexes, the keys trigger and needStats' insert trigger): {(sw.Elapsed - loaded).TotalSeconds:0.0} s");
    Say($"- Generated and COPY-loaded (trigram index on text dropped; secondary indexes built after the load) {needs:N0} needs inside Yiwu's {NeedsMap.DemoCity.Boundaries.DemoBoundaryGenerator.Yiwu.Communities.Count} communities over {spanDays} days: {sw.Elapsed.TotalSeconds:0.0} s");
    await using var scope = app.Services.CreateAsyncScope();
    var rebuild = await scope.ServiceProvider.GetRequiredService<CellRollupRebuilder>().RebuildAsync(CancellationToken.None);
    Say($"- rebuildCells: {rebuild.Needs:N0} needs → {rebuild.Cells:N0} cells, {rebuild.Rows:N0} rollup rows at 5 resolutions: {rebuild.Elapsed.TotalSeconds:0.0} s");
}
else
{
    Say($"- Reused {stored:N0} needs in database {database}");
    if (await ScalarAsync("SELECT count(*) FROM cell_demand_blocks") == 0)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rebuild = await scope.ServiceProvider.GetRequiredService<CellRollupRebuilder>().RebuildAsync(CancellationToken.None);
        Say($"- rebuildCells: {rebuild.Needs:N0} needs → {rebuild.Cells:N0} cells, {rebuild.Rows:N0} rollup rows at 5 resolutions: {rebuild.Elapsed.TotalSeconds:0.0} s");
    }
}
// The needs' masked texts (masked roles search them): the generator's COPY writes none, and the server masks what lacks them at
// start, in this process. Left running, it shared the cores with everything timed below (every 10M run before 2026-12-06).
var masking = app.Services.GetServices<IHostedService>().OfType<NeedsMap.Api.MaskedSearch.MaskedTextIndexer>().Single();
var maskingWatch = Stopwatch.StartNew();
await (masking.ExecuteTask ?? Task.CompletedTask);
var maskedNow = await masking.CatchUpAsync(CancellationToken.None);
Say($"- Masked texts caught up before anything is timed: {maskingWatch.Elapsed.TotalSeconds:0.0} s (the server's catch-up at start, then {maskedNow:N0} more)");
Say($"- Rollup rows at R500 in the 150 days a cells query covers (30-day window + 4 baseline windows): {await ScalarAsync("SELECT count(*) FROM cell_demand WHERE resolution = 500 AND day > current_date - 150"):N0} day rows by category and channel; "
    + $"{await ScalarAsync("SELECT count(*) FROM cell_demand_blocks WHERE resolution = 500 AND block_start > current_date - 150"):N0} block rows (1/7/28-day blocks, all categories) in the same span");

// Sizes with indexes; a partitioned table's are its partitions' (docs/partitions.md).
async Task<string> SizeAsync(string table)
{
    var bytes = await ScalarAsync("SELECT coalesce((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = to_regclass('"
        + table + "')), 0) + coalesce(pg_total_relation_size(to_regclass('" + table + "')), 0)");
    var partitions = await ScalarAsync("SELECT count(*) FROM pg_inherits WHERE inhparent = to_regclass('" + table + "')");
    return $"{table} {bytes / 1048576.0:N0} MB ({partitions} partitions)";
}
Say($"- Sizes with indexes: {await SizeAsync("needs")}, {await SizeAsync("need_keys")}, {await SizeAsync("cell_demand")}, {await SizeAsync("cell_demand_blocks")}");
Say($"- needStats' rollup: {await ScalarAsync("SELECT count(*) FROM need_stat_days"):N0} day rows, {await ScalarAsync("SELECT count(*) FROM need_stat_months"):N0} month rows "
    + $"(day × category × channel × status × street), {await SizeAsync("need_stat_days")}, {await SizeAsync("need_stat_months")}");
// needStats' city-wide day rows (no street): what a 30-day window without a jurisdiction reads, against the day × street rows.
Say($"- needStats' city-wide day rows: {await ScalarAsync("SELECT count(*) FROM need_stat_city_days"):N0} ({await ScalarAsync("SELECT count(*) FROM need_stat_city_days WHERE received_at >= now() - interval '30 days'"):N0} "
    + $"in the last 30 days, against {await ScalarAsync("SELECT count(*) FROM need_stat_days WHERE received_at >= now() - interval '30 days'"):N0} day × street rows), {await SizeAsync("need_stat_city_days")}");

var window = new CellWindow(days.Today, 30);
// The current-window tables (Weather/Rollups/CellWindowCounts) turned as the day-turn job turns them once a city day, under
// the lock that holds counting off: recounted for yesterday, then shifted to today (CellWindowShift), then recounted for
// today; both ways must leave the same rows (compared as one digest of every row, weights to 9 places).
const string WindowLines = """
    SELECT concat_ws('|', 'cell', resolution, q, r, jurisdiction_path, span_count, window_count, round(window_weight::numeric, 9),
                     round(previous_weight::numeric, 9), round(baseline_weight::numeric, 9)) AS line FROM cell_window_counts
    UNION ALL
    SELECT concat_ws('|', 'category', resolution, category_code, q, r, jurisdiction_path, span_count, window_count,
                     round(window_weight::numeric, 9), round(previous_weight::numeric, 9), round(baseline_weight::numeric, 9))
    FROM cell_window_category_counts
    """;
const string WindowDigest = $"SELECT md5(string_agg(line, E'\\n' ORDER BY line)) FROM ({WindowLines}) rows";
async Task<string> DigestAsync()
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var command = new NpgsqlCommand(WindowDigest, connection);
    return (string)(await command.ExecuteScalarAsync())!;
}
// Each way is timed on settled tables, as the day-turn job finds them: the recount just before rewrote every row of both
// (dead rows, unset hint bits, a checkpoint due), which would otherwise be charged to the next statement.
async Task SettleAsync()
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var settle = new NpgsqlCommand("VACUUM (ANALYZE) cell_window_counts, cell_window_category_counts", connection) { CommandTimeout = 0 };
    await settle.ExecuteNonQueryAsync();
    await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 0 };
    await checkpoint.ExecuteNonQueryAsync();
}
await CellWindowCounts.RecountAloneAsync(dataSource, window.LastDay.AddDays(-1), CancellationToken.None);
await SettleAsync();
var turnWatch = Stopwatch.StartNew();
var turned = await CellWindowCounts.TurnAsync(dataSource, window.LastDay, CancellationToken.None);
var turnMs = turnWatch.Elapsed.TotalMilliseconds;
var shiftedDigest = await DigestAsync();
// The shifted rows are kept until the recount, so that a difference can be shown row by row (below the cells table).
await ScalarAsync($"DROP TABLE IF EXISTS bench_shifted_window_rows; CREATE UNLOGGED TABLE bench_shifted_window_rows AS {WindowLines}; SELECT 0");
await SettleAsync();
var recountWatch = Stopwatch.StartNew();
await CellWindowCounts.RecountAloneAsync(dataSource, window.LastDay, CancellationToken.None);
var recountMs = recountWatch.Elapsed.TotalMilliseconds;
var sameWindowRows = shiftedDigest == await DigestAsync() ? "yes" : "**NO**";
var windowDifferences = new List<string>();
if (sameWindowRows != "yes")
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var command = new NpgsqlCommand($"""
        (SELECT 'only after the shift: ' || line FROM (SELECT line FROM bench_shifted_window_rows EXCEPT SELECT line FROM ({WindowLines}) w) d ORDER BY 1 LIMIT 5)
        UNION ALL
        (SELECT 'only after the recount: ' || line FROM (SELECT line FROM ({WindowLines}) w EXCEPT SELECT line FROM bench_shifted_window_rows) d ORDER BY 1 LIMIT 5)
        """, connection) { CommandTimeout = 0 };
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        windowDifferences.Add(reader.GetString(0));
    }
}
await ScalarAsync("DROP TABLE bench_shifted_window_rows; SELECT 0");
var windowRows = await ScalarAsync("SELECT count(*) FROM cell_window_counts WHERE resolution = 500");
var loadAtCells = File.ReadAllText("/proc/loadavg").Trim();
static double Median(List<double> xs) { xs.Sort(); return xs[xs.Count / 2]; }
// Three untimed calls first, so that a median does not take a first request's compilation or cache fills: after one, the
// cached GraphQL response read 5.1-5.4 ms at 10M (5 runs) against 1.3 at 1M; by hand, the same POST from its third request
// on took 3.3-6.2 ms against either database.
const int WarmUps = 3;
async Task<(double Median, T Last)> TimeAsync<T>(int n, Func<Task<T>> action, int warmUps = WarmUps)
{
    for (var i = 0; i < warmUps; i++)
    {
        await action();
    }
    var times = new List<double>();
    T last = default!;
    for (var i = 0; i < n; i++)
    {
        var sw = Stopwatch.StartNew();
        last = await action();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    return (Median(times), last);
}

// 1. cells from the rollups. "Uncached" empties the answer cache before every run (the cell directory stays warm,
// as it does in a running server); "cached" is the answer kept since the last change, which is what repeated
// questions get between changes. Both are reported.
var answerCache = app.Services.GetRequiredService<NeedsMap.Api.Weather.Caching.CellAnswerCache>();
var (cellsMs, cells) = await TimeAsync(runs, async () =>
{
    answerCache.Invalidate();
    await using var scope = Scoped();
    return await scope.ServiceProvider.GetRequiredService<CellReader>().ReadAsync(HexResolution.R500, null, null, null, window, 4, CancellationToken.None);
});
var (blocksMs, fromBlocks) = await TimeAsync(runs, async () =>
{
    answerCache.Invalidate();
    await using var scope = Scoped();
    var reader = scope.ServiceProvider.GetRequiredService<CellReader>();
    reader.UseCurrentWindow = false;
    return await reader.ReadAsync(HexResolution.R500, null, null, null, window, 4, CancellationToken.None);
});
var sameAsBlocks = cells.Count == fromBlocks.Count && cells.OrderBy(c => c.Cell.Id, StringComparer.Ordinal).Zip(fromBlocks.OrderBy(c => c.Cell.Id, StringComparer.Ordinal))
    .All(p => p.First.Cell == p.Second.Cell && p.First.Count == p.Second.Count && Math.Abs(p.First.DemandIndex - p.Second.DemandIndex) < 1e-6
        && Math.Abs(p.First.Baseline - p.Second.Baseline) < 1e-6 && Math.Abs(p.First.PreviousDemandIndex - p.Second.PreviousDemandIndex) < 1e-6);
var noise = new NeedsMap.Api.Filtering.NeedFilter { CategoryIn = ["noise"] };
var (categoryMs, _) = await TimeAsync(runs, async () =>
{
    answerCache.Invalidate();
    await using var scope = Scoped();
    return await scope.ServiceProvider.GetRequiredService<CellReader>().ReadAsync(HexResolution.R500, null, null, noise, window, 4, CancellationToken.None);
});
var graphQuery = new { query = $$"""{ cells(resolution: R500, window: { lastDay: "{{window.LastDay:yyyy-MM-dd}}", days: 30 }) { id count demandIndex baseline weather } }""" };
// The response cache keeps the serialised answer; `Cache-Control: no-cache, no-store` skips it, leaving the answer cache
// alone to spare the database, so both paths are measured.
async Task<int> PostCellsAsync(bool bypassResponseCache)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(graphQuery) };
    if (bypassResponseCache)
    {
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true, NoStore = true };
    }
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadAsByteArrayAsync()).Length;
}
var (graphColdMs, graphBytes) = await TimeAsync(runs, async () =>
{
    answerCache.Invalidate(); // empties the answers and moves the version every cached response was kept under
    return await PostCellsAsync(bypassResponseCache: false);
});
var listening = answerCache.IsListening;
// The public map (no token) asks the same: its answer passes the small-group guard (PublicCells), which judges the shown cells
// by their counts by part of the window (for this jurisdiction-only question, read by the answer's own statement; for any other
// filter, counted from the day rows).
using var anonymous = new HttpClient { BaseAddress = new Uri(baseAddress) };
var (publicColdMs, publicBytes) = await TimeAsync(runs, async () =>
{
    answerCache.Invalidate();
    using var response = await anonymous.PostAsync("/graphql", JsonContent.Create(graphQuery));
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadAsByteArrayAsync()).Length;
});
var (answerOnlyMs, _) = await TimeAsync(runs, () => PostCellsAsync(bypassResponseCache: true));
var responseCache = app.Services.GetRequiredService<NeedsMap.Graph.Transport.Caching.GraphQLResponseCache>();
var hitsBefore = responseCache.Hits;
var (graphMs, _) = await TimeAsync(runs, () => PostCellsAsync(bypassResponseCache: false));
var responseHits = responseCache.Hits - hitsBefore;

// 2. the same answer from raw needs: the grid's spherical LAEA projection and hexagon rounding written in SQL over ST_X/ST_Y, one GROUP BY
var lat0 = double.DegreesToRadians(LaeaHexGrid.CentreLatitude);
var (sin0, cos0) = (Math.Sin(lat0).ToString("R", CultureInfo.InvariantCulture), Math.Cos(lat0).ToString("R", CultureInfo.InvariantCulture));
var lon0 = LaeaHexGrid.CentreLongitude.ToString("R", CultureInfo.InvariantCulture);
var radius = LaeaHexGrid.EarthRadius.ToString("R", CultureInfo.InvariantCulture);
var size = LaeaHexGrid.Size(HexResolution.R500).ToString("R", CultureInfo.InvariantCulture);
var rawSql = $"""
    WITH ll AS (
        SELECT radians(ST_Y(location)) AS phi, radians(ST_X(location) - {lon0}) AS dl, weight, received_at FROM needs
        WHERE received_at >= @since AND received_at < @until),
    k AS (SELECT sqrt(2 / (1 + {sin0} * sin(phi) + {cos0} * cos(phi) * cos(dl))) AS k, phi, dl, weight, received_at FROM ll),
    p AS (SELECT {radius} * k * cos(phi) * sin(dl) AS x, {radius} * k * ({cos0} * sin(phi) - {sin0} * cos(phi) * cos(dl)) AS y,
                 weight, received_at FROM k),
    f AS (SELECT (sqrt(3) / 3 * x - y / 3) / {size} AS qf, (2.0 / 3 * y) / {size} AS rf, weight, received_at FROM p),
    rnd AS (SELECT qf, rf, round(qf) AS rq, round(rf) AS rr, round(-qf - rf) AS rs, weight, received_at FROM f),
    h AS (SELECT CASE WHEN abs(rq - qf) > abs(rr - rf) AND abs(rq - qf) > abs(rs + qf + rf) THEN -rr - rs ELSE rq END::int AS q,
                 CASE WHEN NOT (abs(rq - qf) > abs(rr - rf) AND abs(rq - qf) > abs(rs + qf + rf)) AND abs(rr - rf) > abs(rs + qf + rf) THEN -rq - rs ELSE rr END::int AS r,
                 weight, received_at FROM rnd)
    SELECT q, r, count(*) FILTER (WHERE received_at >= @first)::int, coalesce(sum(weight) FILTER (WHERE received_at >= @first), 0),
           coalesce(sum(weight) FILTER (WHERE received_at < @first), 0) / 4
    FROM h GROUP BY q, r
    """;
async Task<Dictionary<(int, int), (int, double, double)>> RawAsync()
{
    await using var command = dataSource.CreateCommand(rawSql);
    command.CommandTimeout = 0;
    command.Parameters.AddWithValue("since", days.StartOf(window.FirstDay.AddDays(-120)));
    command.Parameters.AddWithValue("first", days.StartOf(window.FirstDay));
    command.Parameters.AddWithValue("until", days.StartOf(window.LastDay.AddDays(1)));
    var result = new Dictionary<(int, int), (int, double, double)>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        result[(reader.GetInt32(0), reader.GetInt32(1))] = (reader.GetInt32(2), Math.Round(reader.GetDouble(3), 3), Math.Round(reader.GetDouble(4), 3));
    }
    return result;
}
var rawRuns = needs > 1_000_000 ? 1 : 3; // minutes a run beyond a million needs; the figure is the baseline, not a target
var (rawMs, raw) = await TimeAsync(rawRuns, RawAsync, warmUps: 1);
var fromRollups = cells.ToDictionary(c => (c.Cell.Q, c.Cell.R), c => (c.Count, Math.Round(c.DemandIndex, 3), Math.Round(c.Baseline, 3)));
var same = raw.Count == fromRollups.Count && raw.All(kv => fromRollups.TryGetValue(kv.Key, out var v) && v.Item1 == kv.Value.Item1
    && Math.Abs(v.Item2 - kv.Value.Item2) < 0.01 && Math.Abs(v.Item3 - kv.Value.Item3) < 0.01);

Say("\n## cells: whole city, R500, 30-day window + 4 baseline windows\n");
Say($"Load average when the cells runs started: `{loadAtCells}`.\n");
Say("| what | cache | median ms | runs |\n|---|---|---:|---:|");
Say($"| GraphQL `cells` over HTTP POST (id, count, demandIndex, baseline, weather; {graphBytes:N0} bytes) | cached response (warm; listening: {listening}; {responseHits} of {runs + WarmUps} requests were hits) | {graphMs:0.0} | {runs} |");
Say($"| GraphQL `cells` over HTTP POST, same query | cached answer only (response cache skipped: `Cache-Control: no-cache, no-store`) | {answerOnlyMs:0.0} | {runs} |");
Say($"| GraphQL `cells` over HTTP POST, same query | emptied before each request (uncached) | {graphColdMs:0.0} | {runs} |");
Say($"| GraphQL `cells` over HTTP POST, same query, **the public** (no token: the small-group guard judges the shown cells from their counts by part of the window, read by the answer's own statement; {publicBytes:N0} bytes against {graphBytes:N0}) | emptied before each request (uncached) | {publicColdMs:0.0} | {runs} |");
Say($"| `CellReader`, current-window table (one row a cell: {windowRows:N0} rows at R500) | uncached | {cellsMs:0.0} | {runs} |");
Say($"| `CellReader`, same question from the blocks (one GROUP BY over the 1/7/28-day blocks of 3 ranges; the path before the table) | uncached | {blocksMs:0.0} | {runs} |");
Say($"| turning the day: the current-window tables shifted by the day that entered and the days that changed part ({turned}; all 5 resolutions, once a city day) | none | {turnMs:0.0} | 1 |");
Say($"| the same turn as a recount (from the blocks, and by category from the day rows; the path before; same rows as the shift: {sameWindowRows}) | none | {recountMs:0.0} | 1 |");
Say($"| `CellReader` with categoryIn [noise] (the current window by category; see below) | uncached | {categoryMs:0.0} | {runs} |");
Say($"| plain PostGIS GROUP BY over raw needs (same grid in SQL) | none | {rawMs:0.0} | {rawRuns} |");
Say($"\n{cells.Count} cells; current-window table and blocks give the same answer: {(sameAsBlocks ? "yes" : "NO")}; {blocksMs / cellsMs:0.0}x faster uncached.");
foreach (var difference in windowDifferences)
{
    Say($"- The day turn's rows differ from the recount's, {difference}");
}
Say($"\n{cells.Count} cells; same answer from both: {(same ? "yes" : "NO")} ({raw.Count} raw cells). Speed-up over the raw GROUP BY: "
    + $"{rawMs / graphMs:0}x for the cached GraphQL response, {rawMs / answerOnlyMs:0}x for the cached answer alone, {rawMs / graphColdMs:0.0}x uncached over GraphQL, "
    + $"{rawMs / cellsMs:0.0}x for the uncached reader (target: < 20 ms and ≥ 20x; cached response under 20 ms: {(graphMs < 20 ? "yes" : "NO")}).");
Say($"Weather: {string.Join(", ", cells.GroupBy(c => c.Weather).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}.");

// 2b. category-filtered cells (issue #18 item 4, s9-cells): the per-category current-window table against the day rows by
// category and channel it stands in for (the path before it, still taken for a channel filter or another window).
var categoryRows = await ScalarAsync("SELECT count(*) FROM cell_window_category_counts WHERE resolution = 500");
var noiseRows = await ScalarAsync("SELECT count(*) FROM cell_window_category_counts WHERE resolution = 500 AND category_code LIKE 'noise%'");
var (categoryTableMs, byCategoryTable) = await TimeAsync(runs, async () =>
{
    answerCache.Invalidate();
    await using var scope = Scoped();
    return await scope.ServiceProvider.GetRequiredService<CellReader>().ReadAsync(HexResolution.R500, null, null, noise, window, 4, CancellationToken.None);
});
var (categoryDaysMs, byCategoryDays) = await TimeAsync(runs, async () =>
{
    answerCache.Invalidate();
    await using var scope = Scoped();
    var reader = scope.ServiceProvider.GetRequiredService<CellReader>();
    reader.UseCurrentWindow = false;
    return await reader.ReadAsync(HexResolution.R500, null, null, noise, window, 4, CancellationToken.None);
});
var sameByCategory = byCategoryTable.Count == byCategoryDays.Count && byCategoryTable.OrderBy(c => c.Cell.Id, StringComparer.Ordinal)
    .Zip(byCategoryDays.OrderBy(c => c.Cell.Id, StringComparer.Ordinal))
    .All(p => p.First.Cell == p.Second.Cell && p.First.Count == p.Second.Count && Math.Abs(p.First.DemandIndex - p.Second.DemandIndex) < 1e-6
        && Math.Abs(p.First.Baseline - p.Second.Baseline) < 1e-6 && Math.Abs(p.First.PreviousDemandIndex - p.Second.PreviousDemandIndex) < 1e-6);
Say("\n## cells by category: categoryIn [noise], R500, 30-day window + 4 baseline windows\n");
Say($"Load average: `{File.ReadAllText("/proc/loadavg").Trim()}`.\n");
Say("| what | cache | median ms | runs |\n|---|---|---:|---:|");
Say($"| `CellReader`, current window by category (`cell_window_category_counts`: {categoryRows:N0} rows at R500, {noiseRows:N0} of them noise) | uncached | {categoryTableMs:0.0} | {runs} |");
Say($"| `CellReader`, same question from the day rows by category and channel (`cell_demand`; the path before the table) | uncached | {categoryDaysMs:0.0} | {runs} |");
Say($"\n{byCategoryTable.Count} cells; the table and the day rows give the same answer: {(sameByCategory ? "yes" : "NO")}; "
    + $"{categoryDaysMs / categoryTableMs:0.0}x faster uncached. The day turn above shifts both current-window tables.");

// 3. tiles over HTTP
(int X, int Y) TileOf(double lon, double lat, int z)
{
    var n = 1 << z;
    var r = double.DegreesToRadians(lat);
    return ((int)((lon + 180) / 360 * n), (int)((1 - Math.Log(Math.Tan(r) + 1 / Math.Cos(r)) / Math.PI) / 2 * n));
}
const int TileWarmUps = 10;
Say($"\n## vector tiles (HTTP GET on Kestrel, 127.0.0.1; load average `{File.ReadAllText("/proc/loadavg").Trim()}`; each tile requested {TileWarmUps} times untimed, then {runs} timed)\n");
Say("| tile | median ms | bytes |\n|---|---:|---:|");
foreach (var (kind, z, query) in new[] { ("cells", 10, $"?lastDay={window.LastDay:yyyy-MM-dd}"), ("cells", 12, $"?lastDay={window.LastDay:yyyy-MM-dd}"),
             ("needs", 14, ""), ("needs", 12, "?where=" + Uri.EscapeDataString("""{"categoryIn":["noise"]}""")) })
{
    var (x, y) = TileOf(LaeaHexGrid.CentreLongitude, LaeaHexGrid.CentreLatitude, z);
    var url = $"/tiles/{kind}/{z}/{x}/{y}.mvt{query}";
    // A running server's tile, not its first ones: the z10 tile is the process's first tile request, and at 5 runs (the 10M
    // bench) the compiler's first tiers and the cache's first fill showed in the median (14.7-19.9 ms at 10M, 5-7 ms
    // by hand against the same database once warm). Every size gets the same warm-ups.
    var (ms, bytes) = await TimeAsync(runs, async () =>
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }, warmUps: TileWarmUps);
    Say($"| `{url}` | {ms:0.0} | {bytes:N0} |");
}

// 3b. needs tiles at z12–z14: the product's tile (clusters from need_tile_squares over HTTP) beside the plain ST_AsMVT a competent
// engineer would write for the same tile and filter (every need in the tile as a point, straight from SQL, no HTTP), at the busiest
// tile of each zoom; both decoded, and the clusters' counts must add up to the plain tile's points.
{
    // As autovacuum leaves a table that was just filled: its visibility map set, so the squares are read index-only.
    await using (var vacuum = dataSource.CreateCommand("VACUUM (ANALYZE) need_tile_squares, need_tile_square_tops"))
    {
        vacuum.CommandTimeout = 0;
        await vacuum.ExecuteNonQueryAsync();
    }
    var loadBeforeTiles = File.ReadAllText("/proc/loadavg").Trim();
    Say($"\n## needs tiles at z12–z14: clustered (product) vs plain `ST_AsMVT` (load average before `{loadBeforeTiles}`)\n");
    Say("Busiest tile of each zoom (most needs, from `need_tile_squares`). Product: `GET /tiles/needs/{z}/{x}/{y}.mvt` over HTTP as a department "
        + "clerk (token, scope, ETag filter), one feature per occupied square of its 32×32 grid with `count` and top `category`. Plain: one SQL statement, "
        + "`ST_AsMVT` over `ST_AsMVTGeom(ST_Transform(location, 3857), ST_TileEnvelope(z, x, y), 4096, 0, false)` for every need whose point is "
        + "in the tile (GiST `&&` on the tile's envelope, then the tile's own x/y so a point on an edge counts once), with id and category, timed on the database connection (no HTTP).\n");
    Say("| zoom | tile | filter | needs in tile | product ms | product bytes | features | plain ST_AsMVT ms | plain bytes | same needs |\n|---|---|---|---:|---:|---:|---:|---:|---:|---|");
    foreach (var z in new[] { 12, 13, 14 })
    {
        long tx = 0, ty = 0;
        await using (var busiest = dataSource.CreateCommand(
            $"SELECT gx >> {19 - z}, gy >> {19 - z} FROM need_tile_squares WHERE level = 19 GROUP BY 1, 2 ORDER BY sum(count) DESC LIMIT 1"))
        await using (var reader = await busiest.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (tx, ty) = (reader.GetInt32(0), reader.GetInt32(1));
        }
        foreach (var (label, where, condition) in new[] { ("none", "", "TRUE"),
                     ("categoryIn [noise]", "?where=" + Uri.EscapeDataString("""{"categoryIn":["noise"]}"""), "(n.category_code = 'noise' OR n.category_code LIKE 'noise.%')") })
        {
            var url = $"/tiles/needs/{z}/{tx}/{ty}.mvt{where}";
            var (productMs, product) = await TimeAsync(runs, async () =>
            {
                using var response = await http.GetAsync(url);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsByteArrayAsync();
            });
            var plainSql = $"""
                SELECT ST_AsMVT(t, 'needs', 4096, 'geom') FROM (
                    SELECT ST_AsMVTGeom(ST_Transform(n.location, 3857), ST_TileEnvelope({z}, {tx}, {ty}), 4096, 0, false) AS geom,
                           n.id, n.category_code AS category
                    FROM needs n
                    WHERE n.location && ST_Transform(ST_TileEnvelope({z}, {tx}, {ty}), 4326) AND {condition}
                      -- && compares float4-rounded boxes and takes points on a shared edge into both tiles: keep the points the
                      -- tile owns (x in [west, east), y in (south, north]), so both sides are asked about the same needs.
                      AND floor((ST_X(n.location) + 180.0) / 360.0 * 2 ^ {z}) = {tx}
                      AND floor((1.0 - ln(tan(radians(ST_Y(n.location))) + 1.0 / cos(radians(ST_Y(n.location)))) / pi()) / 2.0 * 2 ^ {z}) = {ty}) t
                """;
            var (plainMs, plain) = await TimeAsync(baselineRuns, async () =>
            {
                await using var command = dataSource.CreateCommand(plainSql);
                command.CommandTimeout = 0;
                return await command.ExecuteScalarAsync() as byte[] ?? [];
            }, warmUps: 1); // seconds a call at 10M, and no code of ours to warm: its one warm-up fills the page cache
            var productFeatures = VectorTileReader.Read(product);
            var productNeeds = productFeatures.Sum(f => f.Properties.TryGetValue("count", out var n) ? Convert.ToInt64(n, CultureInfo.InvariantCulture) : 1);
            var plainNeeds = VectorTileReader.Read(plain).Count;
            Say($"| {z} | `{z}/{tx}/{ty}` | {label} | {plainNeeds:N0} | {productMs:0.0} | {product.Length:N0} | {productFeatures.Count:N0} | {plainMs:0.0} | {plain.Length:N0} | "
                + $"{(productNeeds == plainNeeds ? "yes" : $"NO ({productNeeds:N0} in clusters)")} |");
        }
    }
    Say($"\nLoad average after: `{File.ReadAllText("/proc/loadavg").Trim()}`; medians of {runs} runs of the product's tile after {WarmUps} untimed requests, of {baselineRuns} runs of the plain statement after one. Target: product < 50 ms at every row.");
}

// 3c. a needs page with a spatial filter and needStats, over GraphQL as the city's administrator (no scope narrows them)
using (var admin = new HttpClient { BaseAddress = new Uri(baseAddress) })
{
    admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
        new NeedsMap.Api.Security.Auth.TokenIssuer(new NeedsMap.Api.Security.Auth.AuthSettings { SigningKey = signingKey })
            .Issue("bench-admin", NeedsMap.Api.Security.Auth.RoleRights.CityAdmin, null, null, TimeSpan.FromHours(4)));
    var lon = LaeaHexGrid.CentreLongitude;
    var lat = LaeaHexGrid.CentreLatitude;
    var bbox = string.Create(CultureInfo.InvariantCulture, $"bbox: {{ west: {lon - 0.01}, south: {lat - 0.01}, east: {lon + 0.01}, north: {lat + 0.01} }}");
    var since = $"receivedFrom: \"{days.StartOf(window.FirstDay):O}\"";
    var questions = new (string What, string Query)[]
    {
        ("`needs(first: 50, where: { bbox ±0.01° round the centre })` (id, receivedAt, category, location)",
            $$"""{ needs(first: 50, where: { {{bbox}} }) { totalCount edges { node { id receivedAt category { code } location } } } }"""),
        ("`needs` page, same bbox and the 30-day window",
            $$"""{ needs(first: 50, where: { {{bbox}}, {{since}} }) { totalCount edges { node { id receivedAt category { code } location } } } }"""),
        // The count alone, from the tile squares inside the box and the rows on its edge (Weather/Tiles/BoxCounts), and the same
        // count row by row (a receivedBefore far ahead changes no answer but is not in the squares): both totals must agree.
        ("`needs(first: 1, where: { same bbox })` totalCount only (squares inside + edge rows)",
            $$"""{ needs(first: 1, where: { {{bbox}} }) { totalCount } }"""),
        ("same totalCount counted row by row (`receivedBefore: 2100-01-01`, which the squares cannot answer)",
            $$"""{ needs(first: 1, where: { {{bbox}}, receivedBefore: "2100-01-01T00:00:00Z" }) { totalCount } }"""),
        ("`needs` page, same bbox and categoryIn [noise]",
            $$"""{ needs(first: 50, where: { {{bbox}}, categoryIn: ["noise"] }) { totalCount edges { node { id receivedAt category { code } location } } } }"""),
        ("`needStats(groupBy: CATEGORY, where: { 30-day window })` whole city", $$"""{ needStats(groupBy: CATEGORY, where: { {{since}} }) { totalCount groups { count } } }"""),
        ("`needStats(groupBy: CATEGORY)` whole city, all time", """{ needStats(groupBy: CATEGORY) { totalCount groups { count } } }"""),
        // The two above are answered by needStats' rollup (Needs/Stats/NeedStatRollup); asking distinctReporters reads the needs, for comparison.
        ("`needStats(groupBy: CATEGORY, where: { 30-day window })` with distinctReporters (needs path)",
            $$"""{ needStats(groupBy: CATEGORY, where: { {{since}} }) { totalCount groups { count distinctReporters } } }"""),
        ("`needStats(groupBy: CATEGORY)` all time, with distinctReporters (needs path)",
            """{ needStats(groupBy: CATEGORY) { totalCount groups { count distinctReporters } } }"""),
    };
    Say($"\n## needs page and needStats (GraphQL over HTTP POST, city_admin; load average `{File.ReadAllText("/proc/loadavg").Trim()}`)\n");
    Say("| question | median ms | totalCount | runs |\n|---|---:|---:|---:|");
    foreach (var (what, query) in questions)
    {
        try
        {
            var (ms, body) = await TimeAsync(runs, async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
                request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true, NoStore = true };
                using var response = await admin.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                return response.IsSuccessStatusCode && !text.Contains("\"errors\"", StringComparison.Ordinal) ? text : throw new InvalidOperationException(text);
            });
            var total = System.Text.RegularExpressions.Regex.Match(body, "\"totalCount\":(\\d+)").Groups[1].Value;
            Say($"| {what} | {ms:0.0} | {total} | {runs} |");
        }
        catch (InvalidOperationException refused)
        {
            // A question past the request's database budget is answered with QUERY_TIMEOUT: that is the figure to report.
            var code = System.Text.RegularExpressions.Regex.Match(refused.Message, "\"code\":\"([A-Z_]+)\"").Groups[1].Value;
            Say($"| {what} | refused: {(code.Length > 0 ? code : "error")} | — | — |");
        }
    }
}

// 4. forecast backtest on the city's daily series
await using (var scope = Scoped())
{
    var series = (await scope.ServiceProvider.GetRequiredService<TrendReader>().ReadAsync(null, TrendInterval.Day, CancellationToken.None))
        .Select(p => (double)p.Count).ToList();
    series.RemoveAt(series.Count - 1); // today is not over
    var errors = SeasonalForecaster.Backtest(series, 7, 7);
    Say("\n## forecast backtest: city-wide needs per day, 1..7 days ahead, rolling origin\n");
    Say("| method | MAE | MAPE % |\n|---|---:|---:|");
    Say($"| seasonal mean of 3 weeks + drift | {errors.Mae:0.0} | {errors.Mape:0.00} |");
    Say($"| naive (last value) | {errors.NaiveMae:0.0} | {errors.NaiveMape:0.00} |");
    Say($"\n{errors.Forecasts:N0} forecasts over {series.Count} days.");
    var sw = Stopwatch.StartNew();
    var raised = await scope.ServiceProvider.GetRequiredService<NeedsMap.Api.Weather.Warnings.WarningDetector>().DetectAsync(null, CancellationToken.None);
    Say($"\nWarning detector over the whole city (R500 cells, communities, categories): {sw.Elapsed.TotalMilliseconds:0} ms, {raised.Count} warnings raised.");
}

await app.StopAsync();
// The 1M run of 365 days keeps its file; other sizes and spans get their own beside it (bench/results/scale-10m.md compares them).
var output = BenchRepository.Results(needs == 1_000_000 && spanDays == 365 ? "weather.md" : $"weather-{needs}-{spanDays}d.md");
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine($"Wrote {output}");

