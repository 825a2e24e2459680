using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Bench;
using NeedsMap.Bench.Subscribers;
using Npgsql;

// A client process holding a slice of the sockets (see ClientProcess); everything else below is the coordinator.
if (args is ["client", var specFile, var client])
{
    return await ClientProcess.RunAsync(specFile, client);
}
var o = Options.Parse(args);
var server = BenchDatabase.Server;
var root = BenchRepository.Root;
var apiDll = Path.Combine(root, "api", "NeedsMap.Api", "bin", "Release", "net10.0", "NeedsMap.Api.dll");
var pluginBuild = Path.Combine(root, "plugins", "NeedsMap.Channels.Open311", "bin", "Release", "net10.0");
if (!File.Exists(apiDll) || !Directory.Exists(pluginBuild))
{
    throw new InvalidOperationException("Build first: dotnet build NeedsMap.Graph.sln -c Release");
}
const string database = "needsmap_bench_subscribers";
// A fresh database every run: case linking and the rollups would otherwise meet the needs of every earlier run.
var connectionString = await BenchDatabase.RecreateAsync(database);

var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}
var uptimeAtStart = File.ReadAllText("/proc/loadavg").Trim();

// The servers: the real API from its build output, each its own process, the Open311 plugin in a fresh plugin folder.
var plugins = Directory.CreateTempSubdirectory("needsmap-bench-plugins-");
var pluginFolder = Directory.CreateDirectory(Path.Combine(plugins.FullName, "NeedsMap.Channels.Open311"));
foreach (var file in Directory.EnumerateFiles(pluginBuild))
{
    File.Copy(file, Path.Combine(pluginFolder.FullName, Path.GetFileName(file)));
}
var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
var channelKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
var environment = new Dictionary<string, string>
{
    ["ConnectionStrings__NeedsMap"] = connectionString,
    ["NeedsMap__LoadDemoCity"] = "true",
    ["NeedsMap__LoadDemoNeeds"] = "false",
    ["NeedsMap__Auth__SigningKey"] = signingKey,
    ["NeedsMap__Channels__Keys__open311"] = channelKey,
    ["NeedsMap__Privacy__Keys__1"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    ["NeedsMap__Privacy__CurrentKeyId"] = "1",
    ["NeedsMap__Plugins__Root"] = plugins.FullName,
    // Production refuses the published development salt (Startup/SettingsRules).
    ["NeedsMap__Plugins__IdentitySalt"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
    // The inbox is limited per channel key (1,200 pushes a minute by default); the bench pushes 10 a second and more while probing.
    ["NeedsMap__Channels__RateLimits__open311"] = "1000000",
    // The verification asks one needs query per distinct filter (thousands) as one administrator.
    ["NeedsMap__RateLimit__PermitsPerMinute"] = "1000000",
    ["NeedsMap__Weather__DetectorIntervalSeconds"] = "86400",
    ["Logging__LogLevel__Default"] = "Warning",
};
// The servers run with the GC the product ships (its runtimeconfig); a DOTNET_* variable set for the bench reaches them too.
var serverGc = Environment.GetEnvironmentVariable("DOTNET_gcServer") is { } forced ? (forced == "0" ? "workstation GC, forced" : "server GC, forced") : "the product's GC settings";
var firstPort = o.Port ?? 20000 + Random.Shared.Next(20000);
var apis = new List<(ServerProcess Process, string Url, HttpClient Http)>();
for (var k = 0; k < o.Servers; k++)
{
    // One after the other: the first migrates the database and loads the demo city, the others find it done.
    var url = $"http://127.0.0.1:{firstPort + k}";
    var process = ServerProcess.Start(apiDll, url, environment);
    var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
    apis.Add((process, url, http));
    await WaitUpAsync(process, http);
}
async Task WaitUpAsync(ServerProcess process, HttpClient http)
{
    var started = Stopwatch.StartNew();
    while (true)
    {
        try
        {
            if ((await http.GetAsync("/health")).IsSuccessStatusCode)
            {
                break;
            }
        }
        catch (HttpRequestException)
        {
        }
        if (process.HasExited || started.Elapsed > TimeSpan.FromMinutes(3))
        {
            throw new InvalidOperationException("A server did not come up.");
        }
        await Task.Delay(250);
    }
    Console.WriteLine($"server up in {started.Elapsed.TotalSeconds:0.0} s (pid {process.Id})");
}
var ingest = apis[0].Http;

var communities = new List<Community>();
await using (var db = new NpgsqlConnection(connectionString))
{
    await db.OpenAsync();
    await using var command = new NpgsqlCommand("""
        SELECT j.code, j.path, array_agg(ST_X(p.geom) ORDER BY p.path), array_agg(ST_Y(p.geom) ORDER BY p.path)
        FROM jurisdictions j CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(ST_Buffer(j.boundary::geography, -30)::geometry, 20, 7)) p
        WHERE j.level = 3 GROUP BY j.code, j.path ORDER BY j.code
        """, db);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        var xs = reader.GetFieldValue<double[]>(2);
        var ys = reader.GetFieldValue<double[]>(3);
        communities.Add(new Community(reader.GetString(0), reader.GetString(1), xs.Zip(ys).ToList()));
    }
}

var issuer = new TokenIssuer(new AuthSettings { SigningKey = signingKey });
var drawing = new Random(2026);
var watches = Enumerable.Range(0, o.Subscribers).Select(i => Workload.For(i, communities[i % communities.Count], o.Mixed, drawing)).ToList();
// Subscriber i connects to server i mod servers; each holds a community worker's token for its community.
var specs = watches.Select(w => new SubscriberSpec(w.Index, apis[w.Index % apis.Count].Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/graphql",
    issuer.Issue($"bench-{w.Index}", RoleRights.CommunityWorker, w.Community.Code, null, TimeSpan.FromHours(4)),
    w.Query, System.Text.Json.JsonSerializer.SerializeToElement(w.Variables))).ToList();
var bare = apis.Select(a => a.Process.Memory().Rss).ToList();
var connecting = Stopwatch.StartNew();
await using var clients = await ClientPool.StartAsync(specs, o.PerClient, o.Client);
// graphql-transport-ws does not acknowledge a subscribe: the servers' own gauge says when every subscription has joined its
// run (every one of these is shareable), so the probes below test delivery, not how fast a loaded server sets subscriptions up.
double registered;
while ((registered = (await Task.WhenAll(apis.Select(a => ServerMetrics.SumAsync(a.Http, "needsmap_subscriptions_members")))).Sum()) < specs.Count
    && connecting.Elapsed < TimeSpan.FromMinutes(10))
{
    await Task.Delay(1000);
}
var connectSeconds = connecting.Elapsed.TotalSeconds;
Console.WriteLine($"{specs.Count} subscribers connected and subscribed in {connectSeconds:0.0} s from {clients.Count} client processes ({registered} registered)");

// Idle: every socket open and subscribed, nothing happening. What the server costs then (the rate limiter included) and
// what a socket weighs. Ten seconds to settle first, so the connect phase's leftovers (a collection of the grown heap, the
// thread pool's backlog, the init timeouts' timers) are not counted as the cost of idle sockets.
await Task.Delay(TimeSpan.FromSeconds(10));
var idleMemory = apis.Select(a => a.Process.Memory().Rss).ToList();
var idleHeap = await Task.WhenAll(apis.Select(a => ManagedHeapMiB(a.Http)));
var idleCpu0 = apis.Select(a => a.Process.CpuSeconds()).ToList();
var idleClock = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(o.IdleSeconds));
var idleCpu = apis.Select((a, k) => a.Process.CpuSeconds() - idleCpu0[k]).ToList();
var idleWall = idleClock.Elapsed.TotalSeconds;

async Task<double?> ManagedHeapMiB(HttpClient http)
{
    // OpenTelemetry's runtime instrumentation: the GC heap after the last collection, summed over generations.
    try
    {
        var text = await http.GetStringAsync("/metrics");
        var bytes = text.Split('\n').Where(l => l.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal)
                || l.StartsWith("process_runtime_dotnet_gc_heap_size_bytes{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
        return bytes > 0 ? bytes / (1024 * 1024) : null;
    }
    catch (HttpRequestException)
    {
        return null;
    }
}

var run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
async Task<(long Sent, long Acked)> DeliverAsync(IReadOnlyList<string> requests)
{
    using var content = new StringContent("[" + string.Join(',', requests) + "]", Encoding.UTF8, "application/json");
    using var message = new HttpRequestMessage(HttpMethod.Post, "/channels/open311/inbox") { Content = content };
    message.Headers.Add("X-Channel-Key", channelKey);
    var sent = Stopwatch.GetTimestamp();
    using var response = await ingest.SendAsync(message);
    var acked = Stopwatch.GetTimestamp();
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || !body.Contains($"\"accepted\":{requests.Count}", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"inbox answered {(int)response.StatusCode}: {body[..Math.Min(400, body.Length)]}");
    }
    return (sent, acked);
}

// Probes: one need per community and service code at the community's first point (every drawn polygon holds it, every
// category drawn is some code's), until every subscriber has heard one; proves every subscription is live.
var probing = Stopwatch.StartNew();
var probes = communities.SelectMany((c, k) => Workload.ServiceCodes.Select((_, s) => Workload.Request($"b{run}-p{k}-{s}", c.Points[0], s))).ToList();
foreach (var chunk in probes.Chunk(100))
{
    await DeliverAsync(chunk);
}
long deaf;
while ((deaf = await clients.SumAsync($"deaf b{run}-p")) > 0 && probing.Elapsed < TimeSpan.FromMinutes(3))
{
    await Task.Delay(500);
}
var probeSeconds = probing.Elapsed.TotalSeconds;
Console.WriteLine($"probes: every subscriber heard a probe in {probeSeconds:0.0} s ({deaf} did not)");

// rate needs a second in 10 deliveries a second, each need in a random community at one of its points; first a warm-up (not
// measured) so that the servers run code the JIT has finished optimising, as a server that has been up a while does.
var random = new Random(2026);
var perBatch = o.Rate / 10;
var sentAt = new Dictionary<string, (long Sent, long Acked)>();
var peakRss = apis.Select(_ => 0.0).ToArray();
void SamplePeaks()
{
    for (var k = 0; k < apis.Count; k++)
    {
        peakRss[k] = Math.Max(peakRss[k], apis[k].Process.Memory().Rss);
    }
}
async Task<double> IngestAsync(string prefix, int forSeconds, bool measured)
{
    var inflight = new List<Task>();
    var clock = Stopwatch.StartNew();
    for (var b = 0; b < forSeconds * 10; b++)
    {
        var due = TimeSpan.FromMilliseconds(100 * b);
        if (clock.Elapsed < due)
        {
            await Task.Delay(due - clock.Elapsed);
        }
        var ids = Enumerable.Range(0, perBatch).Select(i => $"b{run}-{prefix}{b * perBatch + i}").ToList();
        var requests = ids.Select((id, i) =>
        {
            var c = communities[random.Next(communities.Count)];
            return Workload.Request(id, c.Points[random.Next(c.Points.Count)], random.Next(Workload.ServiceCodes.Length));
        }).ToList();
        // At most 8 deliveries in flight: a server that falls behind lowers the achieved rate (reported) instead of piling up.
        while (inflight.Count(t => !t.IsCompleted) >= 8)
        {
            await Task.WhenAny(inflight.Where(t => !t.IsCompleted));
        }
        inflight.Add(Task.Run(async () =>
        {
            var times = await DeliverAsync(requests);
            if (measured)
            {
                lock (sentAt)
                {
                    ids.ForEach(id => sentAt[id] = times);
                }
            }
        }));
        if (measured && b % 10 == 0)
        {
            SamplePeaks();
        }
    }
    await Task.WhenAll(inflight);
    return clock.Elapsed.TotalSeconds;
}
var warmUpSeconds = Math.Min(15, o.Seconds);
await IngestAsync("w", warmUpSeconds, measured: false);
await Task.Delay(TimeSpan.FromSeconds(5));
Console.WriteLine($"warm-up: {warmUpSeconds} s at {o.Rate} needs/s");

var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
// The whole machine's busy time (user + nice + system + irq + softirq + steal, in USER_HZ = 1/100 s): servers, PostgreSQL and clients.
static double MachineBusySeconds()
{
    var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
    return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]) / 100.0;
}
var machine0 = MachineBusySeconds();
var cpu0 = apis.Select(a => a.Process.CpuSeconds()).ToList();
var mem0 = apis.Select(a => a.Process.Memory()).ToList();
var clientCpu0 = await clients.CpuSecondsAsync();
var lag0 = await Task.WhenAll(apis.Select(a => ServerMetrics.PublishLagAsync(a.Http)));
async Task<SortedDictionary<double, double>[][]> StagesAsync() => await Task.WhenAll(apis.Select(a =>
    Task.WhenAll(ServerMetrics.Stages.Select(st => ServerMetrics.HistogramAsync(a.Http, st.Metric)))));
var stages0 = await StagesAsync();
const string DetectorRuns = "needsmap_warnings_detector_runs_total";
var detectorRuns0 = await Task.WhenAll(apis.Select(a => ServerMetrics.SumAsync(a.Http, DetectorRuns)));
var measuredStart = Stopwatch.GetTimestamp();
var clock = Stopwatch.StartNew();
var ingestSeconds = await IngestAsync("m", o.Seconds, measured: true);
// Drain: until nothing has arrived for 5 s.
var last = -1L;
var quiet = Stopwatch.StartNew();
while (quiet.Elapsed < TimeSpan.FromSeconds(5))
{
    await Task.Delay(500);
    var now = await clients.SumAsync("count");
    if (now != last)
    {
        (last, quiet) = (now, Stopwatch.StartNew());
        SamplePeaks();
    }
}
var cpu = apis.Select((a, k) => a.Process.CpuSeconds() - cpu0[k]).ToList();
var mem1 = apis.Select(a => a.Process.Memory()).ToList();
var loadHeap = await Task.WhenAll(apis.Select(a => ManagedHeapMiB(a.Http)));
var lag1 = await Task.WhenAll(apis.Select(a => ServerMetrics.PublishLagAsync(a.Http)));
var stages1 = await StagesAsync();
var detectorRuns = (await Task.WhenAll(apis.Select(a => ServerMetrics.SumAsync(a.Http, DetectorRuns)))).Select((r, k) => r - detectorRuns0[k]).ToList();
var clientCpu = await clients.CpuSecondsAsync() - clientCpu0;
var wall = clock.Elapsed.TotalSeconds;
var loadAfter = File.ReadAllText("/proc/loadavg").Trim();
var machineBusy = MachineBusySeconds() - machine0;

// Verification: every distinct filter asked of the product's SQL through a needs query; each subscriber must have received
// exactly its filter's needs among those measured, each once.
var admin = issuer.Issue("bench-verify", RoleRights.CityAdmin, null, null, TimeSpan.FromHours(4));
var expectedSets = await ExpectedSets.AskAsync(ingest, admin, watches, $"b{run}-m");
var stored = 0L;
await using (var db = new NpgsqlConnection(connectionString))
{
    await db.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT count(*) FROM needs WHERE channel_code = 'open311' AND external_id LIKE @run", db);
    command.Parameters.AddWithValue("run", $"b{run}-m%");
    stored = (long)(await command.ExecuteScalarAsync())!;
}
var (received, failures) = await clients.CollectAsync();
long expected = 0, delivered = 0, misses = 0, extras = 0, duplicates = 0;
var latencyFromSend = new List<double>();
var latencyFromAck = new List<double>();
var latencyFromStored = new List<double>();
// By 5-second slice of the measured phase, by when the need was stored: whether the tail is spread out or a few stalls.
var latencyBySlice = new SortedDictionary<int, List<double>>();
var byKind = watches.GroupBy(w => w.Kind).ToDictionary(g => g.Key, _ => (Expected: 0L, Missed: 0L, Extra: 0L));
foreach (var w in watches)
{
    var want = expectedSets[w.Key];
    var got = received.GetValueOrDefault(w.Index, []).Where(r => r.Id.StartsWith($"b{run}-m", StringComparison.Ordinal)).ToList();
    var distinct = got.Select(r => r.Id).ToHashSet();
    var (missed, extra) = (want.Count(id => !distinct.Contains(id)), distinct.Count(id => !want.Contains(id)));
    expected += want.Count;
    delivered += got.Count;
    duplicates += got.Count - distinct.Count;
    misses += missed;
    extras += extra;
    var k = byKind[w.Kind];
    byKind[w.Kind] = (k.Expected + want.Count, k.Missed + missed, k.Extra + extra);
    foreach (var (id, at, sinceStored) in got)
    {
        latencyFromStored.Add(sinceStored);
        var slice = (int)Math.Floor((Stopwatch.GetElapsedTime(measuredStart, at).TotalMilliseconds - sinceStored) / 5000);
        if (!latencyBySlice.TryGetValue(slice, out var inSlice))
        {
            latencyBySlice[slice] = inSlice = [];
        }
        inSlice.Add(sinceStored);
        if (sentAt.TryGetValue(id, out var t))
        {
            latencyFromSend.Add(Stopwatch.GetElapsedTime(t.Sent, at).TotalMilliseconds);
            latencyFromAck.Add(Stopwatch.GetElapsedTime(t.Acked, at).TotalMilliseconds);
        }
    }
}
static double Percentile(List<double> xs, double p)
{
    if (xs.Count == 0)
    {
        return double.NaN;
    }
    xs.Sort();
    return xs[Math.Min(xs.Count - 1, (int)Math.Ceiling(p * xs.Count) - 1)];
}
var uptimeAtEnd = File.ReadAllText("/proc/loadavg").Trim();

var title = $"{o.Subscribers:N0} subscribers, {(o.Servers == 1 ? "one server" : $"{o.Servers} servers")}, {(o.Mixed ? "differing filters" : "one document per community")}";
Say($"## {title}\n");
Say($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other work), PostgreSQL at "
    + $"{new NpgsqlConnectionStringBuilder(server).Host}:{new NpgsqlConnectionStringBuilder(server).Port}, database {database}. "
    + $"Load average at the start / end of the whole run: `{uptimeAtStart}` / `{uptimeAtEnd}`.\n");
Say($"```\n{o.CommandLine}\n```\n");
Say($"- Servers: {o.Servers} × `dotnet api/NeedsMap.Api/bin/Release/net10.0/NeedsMap.Api.dll`, each its own process on 127.0.0.1 ({serverGc}) "
    + "against the same PostgreSQL, Open311 plugin loaded from a plugin folder, demo city jurisdictions; the warning detectors run when counted needs nudge them, at most once a minute (their periodic run is set to a day). "
    + "Ingest goes to the first server only; the others hear of each need over LISTEN/NOTIFY.");
var kinds = string.Join(", ", watches.GroupBy(w => w.Kind).Select(g => $"{g.Count():N0} {g.Key}"));
var clientKind = o.Client == Options.EpollClient
    ? $"each reading its sockets from {ClientProcess.ReadersPerProcess} threads, each on its own Linux epoll set, one non-blocking receive per readiness (`EpollSubscriber`)"
    : "each socket .NET's `ClientWebSocket` with an awaited receive per message (`WebSocketSubscriber`)";
Say($"- {o.Subscribers:N0} graphql-transport-ws sockets from {clients.Count} client processes ({clientKind}; at most {o.PerClient:N0} sockets each: the per-process "
    + $"open-files limit is {FileLimit()}), subscriber i on server i mod {o.Servers}, each with a `community_worker` token for its community "
    + $"({communities.Count} communities). Filters: {kinds}"
    + (o.Mixed ? " — `community`: `needChanged(where: { jurisdictionIn: [$c] })`; `category`: `{ jurisdictionIn: [$c], categoryIn: [$k] }` "
        + $"with $k drawn from {string.Join(", ", Workload.FilterCategories)} (parents take their children); `polygon`: `{{ within: $p }}`, "
        + "an irregular heptagon of 80–500 m around a point of the community, a different one per subscriber (the token confines it to the community)."
        : ": `needChanged(where: { jurisdictionIn: [$c] }) { kind need { externalId updatedAt } }`.")
    + $" {watches.Select(w => w.Key).Distinct().Count():N0} distinct filters. Connected and subscribed (every subscription joined its run, by the servers' `needsmap.subscriptions.members`: {registered:N0}) in {connectSeconds:0.0} s; "
    + $"a probe per community and service code reached every subscriber in {probeSeconds:0.0} s ({deaf} never heard one).");
Say($"- Ingest: {o.Rate:N0} needs/s as {perBatch}-need Open311 deliveries to the first server's `POST /channels/open311/inbox` every 100 ms for "
    + $"{o.Seconds} s after a {warmUpSeconds} s warm-up at the same rate ({stored:N0} needs stored; sending took {ingestSeconds:0.0} s, "
    + $"so {stored / ingestSeconds:N0} needs/s achieved), each need at a random point inside a random community with a random service code.");
Say($"- Expected deliveries: for each distinct filter, a `needs(where: {{ and: [filter, {{ textContains: run }}] }})` query as the city "
    + "administrator (the product's SQL translation), the scope's community made explicit.");
Say($"- Load average before / after the measured phase: `{loadBefore}` / `{loadAfter}`.\n");
Say("| delivery | count |\n|---|---:|");
Say($"| expected (subscriber × stored need its filter matches) | {expected:N0} |");
foreach (var (kind, k) in byKind.OrderBy(kv => kv.Key, StringComparer.Ordinal))
{
    Say($"| … of which `{kind}` subscribers (missed / extra) | {k.Expected:N0} ({k.Missed:N0} / {k.Extra:N0}) |");
}
Say($"| received | {delivered:N0} |");
Say($"| missed | {misses:N0} |");
Say($"| extra (a need the filter does not match) | {extras:N0} |");
Say($"| duplicates | {duplicates:N0} |");
Say($"| sockets failed or closed | {failures.Count:N0} |\n");
Say("| latency to receipt, ms | p50 | p99 | max |\n|---|---:|---:|---:|");
Say($"| **from the need's storing** (its `updatedAt`, stamped in the storing transaction, to the moment the client read the event) | {Percentile(latencyFromStored, 0.5):0} | {Percentile(latencyFromStored, 0.99):0} | {Percentile(latencyFromStored, 1):0} |");
Say($"| from sending the delivery (includes the delivery's queueing and ingest) | {Percentile(latencyFromSend, 0.5):0} | {Percentile(latencyFromSend, 0.99):0} | {Percentile(latencyFromSend, 1):0} |");
Say($"| from the inbox's answer (after the commit and the delivery's bookkeeping) | {Percentile(latencyFromAck, 0.5):0} | {Percentile(latencyFromAck, 0.99):0} | {Percentile(latencyFromAck, 1):0} |");
for (var k = 0; k < apis.Count; k++)
{
    // The server's own histogram (Needs/Events/NeedChangeMetrics): storing → published to its hub, per need (not per subscriber).
    Say($"| server {k + 1}: from storing to publishing to its subscribers' hub (NOTIFY, batching, loading the needs; histogram bucket bound, "
        + $"{ServerMetrics.Count(lag0[k], lag1[k]):N0} needs) | {ServerMetrics.Quantile(lag0[k], lag1[k], 0.5)} | {ServerMetrics.Quantile(lag0[k], lag1[k], 0.99)} | {ServerMetrics.Quantile(lag0[k], lag1[k], 1)} |");
}
Say("");
Say("From storing to receipt by when the need was stored, in 5-second slices of the measured phase (p50 / p99 / max, ms): "
    + string.Join("; ", latencyBySlice.Select(x => $"{x.Key * 5}–{x.Key * 5 + 5} s: {Percentile(x.Value, 0.5):0} / {Percentile(x.Value, 0.99):0} / {Percentile(x.Value, 1):0}")) + ".\n");
// Where the time goes on each server, stage by stage (histogram bucket bounds for the percentiles; the mean is exact).
Say("| server stage, ms (measured phase) | " + string.Join(" | ", apis.Select((_, k) => $"server {k + 1} p50 / p99 / mean")) + " |");
Say("|---|" + string.Concat(apis.Select(_ => "---:|")));
for (var st = 0; st < ServerMetrics.Stages.Length; st++)
{
    var (_, stage, byBatch) = ServerMetrics.Stages[st];
    Say($"| {stage} | " + string.Join(" | ", apis.Select((_, k) =>
        $"{ServerMetrics.Quantile(stages0[k][st], stages1[k][st], 0.5)} / {ServerMetrics.Quantile(stages0[k][st], stages1[k][st], 0.99)} / "
        + $"{ServerMetrics.Mean(stages0[k][st], stages1[k][st])}{(byBatch ? $" ({ServerMetrics.Count(stages0[k][st], stages1[k][st]):N0} batches)" : "")}")) + " |");
}
Say("");
Say("| server process | " + string.Join(" | ", apis.Select((_, k) => k == 0 ? "server 1 (ingest)" : $"server {k + 1}")) + " |");
Say("|---|" + string.Concat(apis.Select(_ => "---:|")));
string Row(string name, Func<int, string> value) => $"| {name} | " + string.Join(" | ", apis.Select((_, k) => value(k))) + " |";
int SocketsOn(int k) => watches.Count(w => w.Index % apis.Count == k);
Say(Row("sockets", k => $"{SocketsOn(k):N0}"));
Say(Row("warning detector runs in the measured phase", k => $"{detectorRuns[k]:0}"));
Say(Row("RSS without sockets / idle with them, MiB", k => $"{bare[k]:0} / {idleMemory[k]:0}"));
Say(Row("**RSS per idle socket, KiB**", k => $"{(idleMemory[k] - bare[k]) * 1024 / Math.Max(1, SocketsOn(k)):0.0}"));
Say(Row("managed heap idle / after the measured phase, MiB", k => $"{Fmt(idleHeap[k])} / {Fmt(loadHeap[k])}"));
Say(Row($"**CPU with every socket idle**, {idleWall:0} s", k => $"{idleCpu[k]:0.00} s ({idleCpu[k] / idleWall * 100:0.0} % of a core)"));
Say(Row($"CPU seconds in the {wall:0.0} s measured (ingest + drain)", k => $"{cpu[k]:0.0} ({cpu[k] / wall:0.00} cores)"));
Say(Row("RSS before / after the measured phase, MiB", k => $"{mem0[k].Rss:0} / {mem1[k].Rss:0}"));
Say(Row("peak RSS while measured (sampled) / VmHWM, MiB", k => $"{peakRss[k]:0} / {mem1[k].Peak:0}"));
Say(Row("**RSS per socket under load (peak − without sockets), KiB**", k => $"{(peakRss[k] - bare[k]) * 1024 / Math.Max(1, SocketsOn(k)):0.0}"));
Say("");
Say($"Client processes: {clientCpu:0.0} CPU seconds in the measured phase. Whole machine (servers + PostgreSQL + clients + everyone else's work): "
    + $"{machineBusy:0.0} CPU seconds ({machineBusy / wall:0.00} of {Environment.ProcessorCount} cores).");
if (failures.Count > 0)
{
    Say($"\nFirst failures: {string.Join("; ", failures.Take(3).Select(f => $"#{f.Index}: {f.Reason}"))}");
}
static string Fmt(double? v) => v is { } x ? x.ToString("0", CultureInfo.InvariantCulture) : "n/a";
static string FileLimit()
{
    var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
    var f = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return f is { Length: >= 5 } ? $"{f[3]} soft / {f[4]} hard" : "unknown";
}

foreach (var a in apis)
{
    await a.Process.DisposeAsync();
    a.Http.Dispose();
}
plugins.Delete(recursive: true);
var output = BenchRepository.Results(o.Out);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine($"Wrote {output}");
return misses == 0 && extras == 0 && duplicates == 0 && failures.Count == 0 ? 0 : 1;
