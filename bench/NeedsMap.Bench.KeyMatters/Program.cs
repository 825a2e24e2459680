using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NeedsMap.Api.Demo.Seeding;
using NeedsMap.Api.Startup;
using NeedsMap.Bench;
using Npgsql;

// dotnet run -c Release --project bench/NeedsMap.Bench.KeyMatters -- [needs=1000000] [runs=21] [warm-ups=40] [rebuild]
// With "rebuild" it times rebuild-cells and rebuild-key-matters on the loaded needs instead of the questions, and appends
// its section to bench/results/keymatters.md (the questions' run rewrites the file).
// Needs come from the demo city's generator (realistic texts, reporters, the 鸡鸣山 story), COPY-loaded by the demo loader,
// which then builds the cell and key-matter rollups once; keyMatters is then timed over HTTP as the city administrator.
var needs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 21;
// A server answers the same question shape all day: time it once the tiered JIT has optimised the code it runs
// (methods are recompiled after 30 calls), not in its first, unoptimised calls.
var warmUps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40;
var rebuildMode = args.Length > 3 && args[3] == "rebuild";
var server = BenchDatabase.Server;
var database = $"needsmap_bench_keymatters_{needs}";
var connectionString = await BenchDatabase.EnsureAsync(database);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
builder.Configuration["ConnectionStrings:NeedsMap"] = connectionString;
builder.Configuration["NeedsMap:LoadDemoCity"] = "true";
builder.Configuration["NeedsMap:LoadDemoNeeds"] = "false";
builder.Configuration["NeedsMap:DemoNeedCount"] = needs.ToString(CultureInfo.InvariantCulture);
builder.Configuration["NeedsMap:DemoNow"] = "2026-11-20T00:00:00Z";
builder.Configuration["NeedsMap:Auth:AnonymousRole"] = "city_admin";
builder.Configuration["NeedsMap:Auth:SigningKey"] = "needsmap-bench-signing-key-0123456789abcdef";
builder.Configuration["NeedsMap:RateLimit:PermitsPerMinute"] = "1000000";
builder.Configuration["NeedsMap:RateLimit:AnonymousPermitsPerMinute"] = "1000000";
builder.Configuration["NeedsMap:Weather:DetectorIntervalSeconds"] = "86400";
builder.Configuration["Logging:LogLevel:Default"] = "Warning";
builder.Configuration["Logging:LogLevel:NeedsMap"] = "Information";
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddNeedsMap(builder.Configuration);
var app = builder.Build();
app.MapNeedsMap();
await app.StartAsync();
var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient { BaseAddress = new Uri(baseAddress) };
var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
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

Say($"# Key matters benchmark\n\nRun {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared).\n");
Say("```\nexport NEEDSMAP_DB=\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\"");
Say($"dotnet run -c Release --project bench/NeedsMap.Bench.KeyMatters -- {needs} {runs} {warmUps}\n```\n");
Say($"Each question is asked {warmUps} times before it is timed (the tiered JIT optimises a method after 30 calls), then {runs} times; "
    + $"load average at the start: `{(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}`.\n");
if (await ScalarAsync("SELECT count(*) FROM needs") == 0)
{
    var sw = Stopwatch.StartNew();
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoCityLoader>().LoadNeedsIfEmptyAsync(CancellationToken.None);
    Say($"- Generated {needs:N0} demo-city needs, COPY-loaded them and rebuilt the cell and key-matter rollups: {sw.Elapsed.TotalSeconds:0.0} s");
}
Say($"- {await ScalarAsync("SELECT count(*) FROM needs"):N0} needs, {await ScalarAsync("SELECT count(*) FROM cases"):N0} cases, "
    + $"{await ScalarAsync("SELECT count(*) FROM key_matter_demand"):N0} key-matter rows, {await ScalarAsync("SELECT sum(cardinality(reporters)) FROM key_matter_demand"):N0} reporters on those rows, "
    + $"{await ScalarAsync("SELECT count(*) FROM topic_terms"):N0} topic phrases\n");

if (rebuildMode)
{
    await NeedsMap.Bench.KeyMatters.RebuildBench.RunAsync(app.Services, needs, server);
    await app.StopAsync();
    return;
}

static double Median(List<double> xs) { xs.Sort(); return xs[xs.Count / 2]; }
async Task<(double Median, string Body)> TimeAsync(string query)
{
    var body = "";
    var times = new List<double>();
    for (var i = 0; i < warmUps + runs; i++)
    {
        var sw = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("/graphql", new { query });
        body = await response.Content.ReadAsStringAsync();
        if (i >= warmUps)
        {
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
    }
    return (Median(times), body);
}

Say("| keyMatters (HTTP POST, city_admin, top 10 categories and topics, 30-day window + the 30 days before) | median ms | runs |");
Say("|---|---:|---:|");
foreach (var (label, code) in new[] { ("whole city 义乌市", "330782"), ("street 江东街道", "330782002"), ("community 鸡鸣山社区", "330782002005") })
{
    var query = $$"""{ keyMatters(jurisdictionCode: "{{code}}", window: { lastDay: "2026-11-19", days: 30 }) { records cases residents categories { rank label demandIndex components { records cases residents } } topics { topic demandIndex } } }""";
    var (ms, body) = await TimeAsync(query);
    Say($"| {label} | {ms:0.0} | {runs} |");
    if (code == "330782")
    {
        Console.WriteLine(body[..Math.Min(body.Length, 600)]);
    }
}
var path = BenchRepository.Results("keymatters.md");
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine($"Wrote {path}");
await app.StopAsync();
