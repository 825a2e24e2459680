using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NeedsMap.Api.Security;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Bench.Subscribers;
using NeedsMap.Bench;
using Npgsql;

// dotnet run -c Release --project bench/NeedsMap.Bench.Subscribers -- [subscribers=10000] [needsPerSecond=1000] [seconds=60]
var subscriberCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
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

// The server: the real API from its build output, its own process, the Open311 plugin in a fresh plugin folder.
var plugins = Directory.CreateTempSubdirectory("needsmap-bench-plugins-");
var pluginFolder = Directory.CreateDirectory(Path.Combine(plugins.FullName, "NeedsMap.Channels.Open311"));
foreach (var file in Directory.EnumerateFiles(pluginBuild))
{
    File.Copy(file, Path.Combine(pluginFolder.FullName, Path.GetFileName(file)));
}
var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
var channelKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
var port = 20000 + Random.Shared.Next(20000);
var baseUrl = $"http://127.0.0.1:{port}";
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
    ["NeedsMap__Weather__DetectorIntervalSeconds"] = "86400",
    ["Logging__LogLevel__Default"] = "Warning",
    ["DOTNET_gcServer"] = "0",
};
await using var api = ServerProcess.Start(apiDll, baseUrl, environment);
using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
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
    if (api.HasExited || started.Elapsed > TimeSpan.FromMinutes(3))
    {
        throw new InvalidOperationException("The server did not come up.");
    }
    await Task.Delay(250);
}
Console.WriteLine($"server up in {started.Elapsed.TotalSeconds:0.0} s (pid {api.Id})");

// Communities and points inside each (PostGIS picks them), so every need lands in a known community.
var communities = new List<(string Code, string Path, List<(double Lon, double Lat)> Points)>();
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
        communities.Add((reader.GetString(0), reader.GetString(1), xs.Zip(ys).ToList()));
    }
}

var issuer = new TokenIssuer(new AuthSettings { SigningKey = signingKey });
var subscribers = Enumerable.Range(0, subscriberCount).Select(i =>
{
    var (code, path, _) = communities[i % communities.Count];
    return new Subscriber(i, code, path, issuer.Issue($"bench-{i}", RoleRights.CommunityWorker, code, null, TimeSpan.FromHours(4)));
}).ToList();
var wsUri = new Uri($"ws://127.0.0.1:{port}/graphql");
var connecting = Stopwatch.StartNew();
await Parallel.ForEachAsync(subscribers, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (s, ct) => await s.ConnectAsync(wsUri, ct));
var connectSeconds = connecting.Elapsed.TotalSeconds;
Console.WriteLine($"{subscribers.Count} subscribers connected and subscribed in {connectSeconds:0.0} s");

var run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
var serviceCodes = new[] { "NOISE", "GARBAGE", "STREETLIGHT", "POTHOLE", "PARKING", "WATER", "VENDOR", "DRAIN" };
string Request(string externalId, (double Lon, double Lat) at, int k) => JsonSerializer.Serialize(new Dictionary<string, object?>
{
    ["service_request_id"] = externalId,
    ["status"] = "open",
    ["service_code"] = serviceCodes[k % serviceCodes.Length],
    ["description"] = $"bench {externalId}: 路灯不亮，垃圾没人清理",
    ["requested_datetime"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
    ["lat"] = at.Lat,
    ["long"] = at.Lon,
});
async Task<(long Sent, long Acked)> DeliverAsync(IReadOnlyList<string> requests)
{
    using var content = new StringContent("[" + string.Join(',', requests) + "]", Encoding.UTF8, "application/json");
    using var message = new HttpRequestMessage(HttpMethod.Post, "/channels/open311/inbox") { Content = content };
    message.Headers.Add("X-Channel-Key", channelKey);
    var sent = Stopwatch.GetTimestamp();
    using var response = await http.SendAsync(message);
    var acked = Stopwatch.GetTimestamp();
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || !body.Contains($"\"accepted\":{requests.Count}", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"inbox answered {(int)response.StatusCode}: {body[..Math.Min(400, body.Length)]}");
    }
    return (sent, acked);
}

// Probes: one need per community, until every subscriber has heard of its own; proves every subscription is live.
var probing = Stopwatch.StartNew();
foreach (var chunk in communities.Select((c, k) => Request($"b{run}-p{k}", c.Points[0], k)).Chunk(100))
{
    await DeliverAsync(chunk);
}
var probeOf = communities.Select((c, k) => (c.Code, Id: $"b{run}-p{k}")).ToDictionary(x => x.Code, x => x.Id);
while (subscribers.Any(s => !s.HasReceived(probeOf[s.CommunityCode])) && probing.Elapsed < TimeSpan.FromMinutes(3))
{
    await Task.Delay(200);
}
var deaf = subscribers.Count(s => !s.HasReceived(probeOf[s.CommunityCode]));
var probeSeconds = probing.Elapsed.TotalSeconds;
Console.WriteLine($"probes: every subscriber heard its community's probe in {probing.Elapsed.TotalSeconds:0.0} s ({deaf} did not)");

// rate needs a second in 10 deliveries a second, each need in a random community; first a warm-up (not measured) so that
// the server runs code the JIT has finished optimising, as a server that has been up a while does.
var random = new Random(2026);
var perBatch = rate / 10;
var sentAt = new Dictionary<string, (long Sent, long Acked)>();
var peakRss = 0.0;
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
            return Request(id, c.Points[random.Next(c.Points.Count)], b + i);
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
            peakRss = Math.Max(peakRss, api.Memory().Rss);
        }
    }
    await Task.WhenAll(inflight);
    return clock.Elapsed.TotalSeconds;
}
var warmUpSeconds = Math.Min(15, seconds);
await IngestAsync("w", warmUpSeconds, measured: false);
await Task.Delay(TimeSpan.FromSeconds(5));
Console.WriteLine($"warm-up: {warmUpSeconds} s at {rate} needs/s");

// The measured phase.
var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
// The whole machine's busy time (user + nice + system + irq + softirq + steal, in USER_HZ = 1/100 s): server, PostgreSQL and this client together.
static double MachineBusySeconds()
{
    var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
    return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]) / 100.0;
}
var machine0 = MachineBusySeconds();
var (cpu0, mem0) = (api.CpuSeconds(), api.Memory());
var benchCpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var clock = Stopwatch.StartNew();
var ingestSeconds = await IngestAsync("m", seconds, measured: true);
// Drain: until nothing has arrived for 5 s.
var last = -1;
var quiet = Stopwatch.StartNew();
while (quiet.Elapsed < TimeSpan.FromSeconds(5))
{
    await Task.Delay(500);
    var now = subscribers.Sum(s => s.Count);
    if (now != last)
    {
        (last, quiet) = (now, Stopwatch.StartNew());
        peakRss = Math.Max(peakRss, api.Memory().Rss);
    }
}
var (cpu1, mem1) = (api.CpuSeconds(), api.Memory());
var benchCpu1 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var wall = clock.Elapsed.TotalSeconds;
var loadAfter = File.ReadAllText("/proc/loadavg").Trim();
var machineBusy = MachineBusySeconds() - machine0;

// Verification: the database says which community each need landed in; each subscriber must have received exactly
// the needs of its community, each once.
var landed = new Dictionary<string, string>();
await using (var db = new NpgsqlConnection(connectionString))
{
    await db.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT external_id, jurisdiction_path FROM needs WHERE channel_code = 'open311' AND external_id LIKE @run", db);
    command.Parameters.AddWithValue("run", $"b{run}-m%");
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        landed[reader.GetString(0)] = reader.GetString(1);
    }
}
var byPath = landed.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToHashSet());
long expected = 0, delivered = 0, misses = 0, extras = 0, duplicates = 0;
var latencyFromSend = new List<double>();
var latencyFromAck = new List<double>();
var latencyFromStored = new List<double>();
foreach (var s in subscribers)
{
    var want = byPath.Where(kv => kv.Key.StartsWith(s.CommunityPath, StringComparison.Ordinal)).SelectMany(kv => kv.Value).ToHashSet();
    var got = s.Received.Where(r => r.ExternalId.StartsWith($"b{run}-m", StringComparison.Ordinal)).ToList();
    var distinct = got.Select(r => r.ExternalId).ToHashSet();
    expected += want.Count;
    delivered += got.Count;
    duplicates += got.Count - distinct.Count;
    misses += want.Count(id => !distinct.Contains(id));
    extras += distinct.Count(id => !want.Contains(id));
    foreach (var (id, at, sinceStored) in got)
    {
        latencyFromStored.Add(sinceStored);
        if (sentAt.TryGetValue(id, out var t))
        {
            latencyFromSend.Add(Stopwatch.GetElapsedTime(t.Sent, at).TotalMilliseconds);
            latencyFromAck.Add(Stopwatch.GetElapsedTime(t.Acked, at).TotalMilliseconds);
        }
    }
}
var failures = subscribers.Where(s => s.Failure is not null).ToList();
static double Percentile(List<double> xs, double p)
{
    if (xs.Count == 0)
    {
        return double.NaN;
    }
    xs.Sort();
    return xs[Math.Min(xs.Count - 1, (int)Math.Ceiling(p * xs.Count) - 1)];
}

Say("# 10,000 WebSocket subscribers benchmark\n");
Say($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other work), PostgreSQL at "
    + $"{new NpgsqlConnectionStringBuilder(server).Host}:{new NpgsqlConnectionStringBuilder(server).Port}, database {database}.\n");
Say("```\nexport NEEDSMAP_DB=\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\"");
Say("dotnet build NeedsMap.Graph.sln -c Release");
Say($"dotnet run -c Release --project bench/NeedsMap.Bench.Subscribers -- {subscriberCount} {rate} {seconds}\n```\n");
Say($"- Server: `dotnet api/NeedsMap.Api/bin/Release/net10.0/NeedsMap.Api.dll` as its own process on 127.0.0.1 (workstation GC), "
    + "Open311 plugin loaded from a plugin folder, demo city jurisdictions, warning detector idle.");
Say($"- {subscriberCount:N0} graphql-transport-ws sockets from one client process, each with a `community_worker` token for its community and "
    + $"`needChanged(where: {{ jurisdictionIn: [$c] }}) {{ kind need {{ externalId updatedAt }} }}`; {communities.Count} communities, "
    + $"so about {subscriberCount / (double)communities.Count:0.#} subscribers per community. Connected and subscribed in {connectSeconds:0.0} s; "
    + $"a probe need per community reached every subscriber in {probeSeconds:0.0} s ({deaf} never heard theirs).");
Say($"- Ingest: {rate:N0} needs/s as {perBatch}-need Open311 deliveries to `POST /channels/open311/inbox` every 100 ms for {seconds} s "
    + $"after a {warmUpSeconds} s warm-up at the same rate ({landed.Count:N0} needs stored; sending took {ingestSeconds:0.0} s, so {landed.Count / ingestSeconds:N0} needs/s achieved), each need at a random point inside a random community.");
Say($"- Load average before / after: `{loadBefore}` / `{loadAfter}`.\n");
Say("| delivery | count |\n|---|---:|");
Say($"| expected (subscriber × need in its community, from the stored needs) | {expected:N0} |");
Say($"| received | {delivered:N0} |");
Say($"| missed | {misses:N0} |");
Say($"| extra (a need outside the subscriber's community) | {extras:N0} |");
Say($"| duplicates | {duplicates:N0} |");
Say($"| sockets failed or closed | {failures.Count:N0} |\n");
Say("| latency to receipt, ms | p50 | p99 | max |\n|---|---:|---:|---:|");
Say($"| **from the need's storing** (its `updatedAt`, stamped in the storing transaction, to the moment the client read the event) | {Percentile(latencyFromStored, 0.5):0} | {Percentile(latencyFromStored, 0.99):0} | {Percentile(latencyFromStored, 1):0} |");
Say($"| from sending the delivery (includes the delivery's queueing and ingest) | {Percentile(latencyFromSend, 0.5):0} | {Percentile(latencyFromSend, 0.99):0} | {Percentile(latencyFromSend, 1):0} |");
Say($"| from the inbox's answer (after the commit and the delivery's bookkeeping) | {Percentile(latencyFromAck, 0.5):0} | {Percentile(latencyFromAck, 0.99):0} | {Percentile(latencyFromAck, 1):0} |\n");
Say("| server process | value |\n|---|---:|");
Say($"| CPU seconds in the {wall:0.0} s measured (ingest + drain) | {cpu1 - cpu0:0.0} ({(cpu1 - cpu0) / wall:0.00} cores) |");
Say($"| RSS before / after, MiB | {mem0.Rss:0} / {mem1.Rss:0} |");
Say($"| peak RSS while measured, MiB (sampled) / VmHWM | {peakRss:0} / {mem1.Peak:0} |");
Say($"| bench client CPU seconds (10,000 sockets, JSON parsing, ingest) | {benchCpu1 - benchCpu0:0.0} |");
Say($"| whole machine busy (server + PostgreSQL + client), CPU seconds | {machineBusy:0.0} ({machineBusy / wall:0.00} of {Environment.ProcessorCount} cores) |");
if (failures.Count > 0)
{
    Say($"\nFirst failures: {string.Join("; ", failures.Take(3).Select(f => $"#{f.Index}: {f.Failure}"))}");
}

await Task.WhenAll(subscribers.Select(s => s.CloseAsync()));
plugins.Delete(recursive: true);
var output = Path.Combine(root, "bench", "results", "subscribers.md");
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine($"Wrote {output}");
return misses == 0 && extras == 0 && duplicates == 0 ? 0 : 1;

