using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Startup;
using NeedsMap.Bench;
using Npgsql;

// dotnet run -c Release --project bench/NeedsMap.Bench.Export -- [needs=1000000] [--naive]
// Streams the whole city's needs out of GET /export/needs.{csv,xlsx,geojson} over loopback HTTP and samples the server
// process's memory while it does; --naive also loads the same rows into a list as an EF query would, for comparison.
var needs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;
var naive = args.Contains("--naive");
var connectionString = await BenchDatabase.EnsureAsync($"needsmap_bench_export_{needs}");
const string SigningKey = "needsmap-bench-signing-key-0123456789abcdef";

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
builder.Configuration["ConnectionStrings:NeedsMap"] = connectionString;
builder.Configuration["NeedsMap:LoadDemoCity"] = "true";
builder.Configuration["NeedsMap:LoadDemoNeeds"] = "false";
builder.Configuration["NeedsMap:Auth:SigningKey"] = SigningKey;
builder.Configuration["NeedsMap:RateLimit:PermitsPerMinute"] = "1000000";
builder.Configuration["NeedsMap:Weather:DetectorIntervalSeconds"] = "86400";
builder.Configuration["Logging:LogLevel:Default"] = "Warning";
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddNeedsMap(builder.Configuration);
var app = builder.Build();
app.MapNeedsMap();
await app.StartAsync();
var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

await using (var count = dataSource.CreateCommand("SELECT count(*) FROM needs"))
{
    if ((long)(await count.ExecuteScalarAsync())! < needs)
    {
        var sw = Stopwatch.StartNew();
        await using var insert = dataSource.CreateCommand(ExportSeed.Sql);
        insert.CommandTimeout = 0;
        insert.Parameters.AddWithValue("n", needs);
        await insert.ExecuteNonQueryAsync();
        Console.WriteLine($"Inserted {needs:N0} synthetic needs in {sw.Elapsed.TotalSeconds:0} s");
    }
}

var issuer = new TokenIssuer(new AuthSettings { SigningKey = SigningKey });
var admin = issuer.Issue("bench", RoleRights.CityAdmin, null, null, TimeSpan.FromHours(2));
var deputy = issuer.Issue("bench", RoleRights.Deputy, "330782", null, TimeSpan.FromHours(2));
Say($"# Export benchmark\n\nRun {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other engineers' builds and tests).\n");
Say("```\nexport NEEDSMAP_DB=\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\"");
Say($"dotnet run -c Release --project bench/NeedsMap.Bench.Export -- {needs}{(naive ? " --naive" : "")}\n```\n");
Say($"Load average at the start: `{Load()}`. The whole city's {needs:N0} needs (synthetic rows: texts with a phone number and a name, "
    + "addresses with house numbers, so masking has work) go out of GET /export/needs.* over loopback HTTP; the client counts and drops the bytes. "
    + "Memory is the server process's (the client shares it), sampled every 20 ms: working set and managed heap above what they were just before.\n");
Say("| export | role | rows | MB out | seconds | rows/s | peak working set Δ MB | peak managed heap Δ MB | load after |");
Say("|---|---|---:|---:|---:|---:|---:|---:|---|");
using var http = new HttpClient { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromHours(1) };
foreach (var (format, role, token) in new[] { ("csv", "city_admin", admin), ("xlsx", "city_admin", admin), ("geojson", "city_admin", admin), ("csv", "deputy (masked)", deputy) })
{
    var (baselineSet, baselineHeap) = Settle();
    using var sampler = new Sampler();
    var sw = Stopwatch.StartNew();
    using var request = new HttpRequestMessage(HttpMethod.Get, $"/export/needs.{format}");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    var rows = response.Headers.GetValues("X-Export-Rows").Single();
    await using var body = await response.Content.ReadAsStreamAsync();
    var buffer = new byte[1 << 16];
    long bytes = 0;
    for (int read; (read = await body.ReadAsync(buffer)) > 0;)
    {
        bytes += read;
    }
    var seconds = sw.Elapsed.TotalSeconds;
    var (peakSet, peakHeap) = sampler.Stop();
    Say(string.Create(CultureInfo.InvariantCulture,
        $"| needs.{format} | {role} | {long.Parse(rows, CultureInfo.InvariantCulture):N0} | {bytes / 1e6:0.0} | {seconds:0.0} | {long.Parse(rows, CultureInfo.InvariantCulture) / seconds:N0} | {(peakSet - baselineSet) / 1e6:0} | {(peakHeap - baselineHeap) / 1e6:0} | `{Load()}` |"));
}
if (naive)
{
    var (baselineSet, baselineHeap) = Settle();
    using var sampler = new Sampler();
    var sw = Stopwatch.StartNew();
    await using var scope = app.Services.CreateAsyncScope();
    var all = await scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>().Needs.AsNoTracking().ToListAsync();
    var (peakSet, peakHeap) = sampler.Stop();
    Say(string.Create(CultureInfo.InvariantCulture,
        $"| (baseline) the same rows loaded into a list by EF, nothing written | city_admin | {all.Count:N0} | – | {sw.Elapsed.TotalSeconds:0.0} | – | {(peakSet - baselineSet) / 1e6:0} | {(peakHeap - baselineHeap) / 1e6:0} | `{Load()}` |"));
    GC.KeepAlive(all);
}
Say("\nThe lead should rerun this on a quiet machine: the seconds above depend on the load; the memory columns do not much.");
var path = BenchRepository.Results("export.md");
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine($"Wrote {path}");
await app.StopAsync();
return 0;

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static (long WorkingSet, long Heap) Settle()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var process = Process.GetCurrentProcess();
    return (process.WorkingSet64, GC.GetTotalMemory(false));
}

static class ExportSeed
{
    /// <summary>Synthetic needs spread over the city's communities, leaf categories, channels and a year; made in one statement.</summary>
    public const string Sql = """
        WITH js AS (SELECT array_agg(code ORDER BY code) c, array_agg(path ORDER BY code) p, array_agg(ST_X(interior_point) ORDER BY code) x,
                           array_agg(ST_Y(interior_point) ORDER BY code) y FROM jurisdictions WHERE level = 3),
             cats AS (SELECT array_agg(code ORDER BY code) c FROM categories k WHERE NOT EXISTS (SELECT 1 FROM categories l WHERE l.parent_code = k.code)),
             chs AS (SELECT array_agg(code ORDER BY code) c FROM channels)
        INSERT INTO needs (channel_code, external_id, version, received_at, updated_at, text, category_code, status, weight, location, address,
                           located_by, jurisdiction_code, jurisdiction_path)
        SELECT chs.c[1 + g % cardinality(chs.c)], 'bench-' || g, 1, t, t,
               '第' || g || '号：我叫张三，电话138' || lpad((g % 100000000)::text, 8, '0') || '，小区楼下工地夜里施工，噪声扰民，请尽快处理',
               cats.c[1 + (g * 7) % cardinality(cats.c)], 'New', 1.0,
               ST_SetSRID(ST_MakePoint(js.x[1 + g % cardinality(js.c)] + ((g * 13) % 100 - 50) * 0.00002,
                                       js.y[1 + g % cardinality(js.c)] + ((g * 17) % 100 - 50) * 0.00002), 4326),
               '稠城街道工人路' || (g % 200 + 1) || '号' || (g % 9 + 1) || '单元' || (g % 30 + 101) || '室', 'Coordinates',
               js.c[1 + g % cardinality(js.c)], js.p[1 + g % cardinality(js.c)]
        FROM generate_series(1, @n) g, js, cats, chs,
             LATERAL (SELECT timestamptz '2025-12-01 00:00+08' + (g % 31536000) * interval '1 second') AS r(t)
        """;
}

/// <summary>Samples the process's working set and managed heap until stopped, keeping the peaks.</summary>
sealed class Sampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<(long, long)> _run;

    public Sampler() => _run = Task.Run(async () =>
    {
        long set = 0, heap = 0;
        using var process = Process.GetCurrentProcess();
        while (!_stop.IsCancellationRequested)
        {
            process.Refresh();
            set = Math.Max(set, process.WorkingSet64);
            heap = Math.Max(heap, GC.GetTotalMemory(false));
            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return (set, heap);
    });

    public (long WorkingSet, long Heap) Stop()
    {
        _stop.Cancel();
        return _run.GetAwaiter().GetResult();
    }

    public void Dispose() => _stop.Dispose();
}
