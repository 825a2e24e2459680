using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NeedsMap.Api.Demo.Seeding;
using NeedsMap.Api.Startup;
using NeedsMap.Bench;
using Npgsql;

// dotnet run -c Release --project bench/NeedsMap.Bench.KeyMatters -- [needs=1000000] [runs=21] [warm-ups=40] [rebuild] [days=365]
// With "rebuild" it times rebuild-cells and rebuild-key-matters on the loaded needs instead of the questions, and appends
// its section to bench/results/keymatters.md (the questions' run rewrites the file).
// Needs come from the demo city's generator (realistic texts, reporters, the 鸡鸣山 story) over `days` days ending
// 2026-11-20 (a year unless given; 3650 for ten years), COPY-loaded by the demo loader, which then builds the key-matter
// rollups once; keyMatters is then timed over HTTP as the city administrator. A window other than a year has its own
// database and results file (keymatters-{needs}-{days}d.md).
var positional = args.Where(a => !a.StartsWith("days=", StringComparison.Ordinal)).ToArray();
var needs = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 1_000_000;
var runs = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 21;
// A server answers the same question shape all day: time it once the tiered JIT has optimised the code it runs
// (methods are recompiled after 30 calls), not in its first, unoptimised calls.
var warmUps = positional.Length > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 40;
var rebuildMode = positional.Length > 3 && positional[3] == "rebuild";
var days = args.FirstOrDefault(a => a.StartsWith("days=", StringComparison.Ordinal)) is { } daysArg
    ? int.Parse(daysArg["days=".Length..], CultureInfo.InvariantCulture)
    : NeedsMap.DemoCity.Needs.DemoNeedsGenerator.DefaultWindowDays;
var aYear = days == NeedsMap.DemoCity.Needs.DemoNeedsGenerator.DefaultWindowDays;
var server = BenchDatabase.Server;
var database = aYear ? $"needsmap_bench_keymatters_{needs}" : $"needsmap_bench_keymatters_{needs}_{days}d";
var connectionString = await BenchDatabase.EnsureAsync(database);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
builder.Configuration["ConnectionStrings:NeedsMap"] = connectionString;
builder.Configuration["NeedsMap:LoadDemoCity"] = "true";
builder.Configuration["NeedsMap:LoadDemoNeeds"] = "false";
builder.Configuration["NeedsMap:DemoNeedCount"] = needs.ToString(CultureInfo.InvariantCulture);
builder.Configuration["NeedsMap:DemoNow"] = "2026-11-20T00:00:00Z";
builder.Configuration["NeedsMap:DemoNeedDays"] = days.ToString(CultureInfo.InvariantCulture);
builder.Configuration["NeedsMap:Auth:AnonymousRole"] = "city_admin";
builder.Configuration["NeedsMap:Auth:SigningKey"] = "needsmap-bench-signing-key-0123456789abcdef";
builder.Configuration["NeedsMap:RateLimit:PermitsPerMinute"] = "1000000";
builder.Configuration["NeedsMap:RateLimit:AnonymousPermitsPerMinute"] = "1000000";
builder.Configuration["NeedsMap:Weather:DetectorIntervalSeconds"] = "86400";
// The server masks at start the texts of needs that have no masked copy (masked roles search them): a COPY-loaded ten million
// would keep both cores busy for hours, and no question here reads them (the city administrator reads the texts themselves).
builder.Configuration[NeedsMap.Api.MaskedSearch.MaskedTextIndexer.CatchUpAtStartSetting] = "false";
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
Say($"dotnet run -c Release --project bench/NeedsMap.Bench.KeyMatters -- {needs} {runs} {warmUps}{(aYear ? "" : $" days={days}")}\n```\n");
Say($"Each question is asked {warmUps} times before it is timed (the tiered JIT optimises a method after 30 calls), then {runs} times; "
    + $"load average at the start: `{(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}`.\n");
Say("- The server's masked-text catch-up at start is off (`NeedsMap:MaskedSearch:CatchUpAtStart=false`): no question here reads masked texts.");
if (await ScalarAsync("SELECT count(*) FROM needs") == 0)
{
    var sw = Stopwatch.StartNew();
    await using var scope = app.Services.CreateAsyncScope();
    // No question here reads the cell rollups; at ten million needs building them would take most of an hour.
    await scope.ServiceProvider.GetRequiredService<DemoCityLoader>().LoadNeedsIfEmptyAsync(countCells: false, CancellationToken.None);
    Say($"- Generated {needs:N0} demo-city needs over {days} days, COPY-loaded them and rebuilt the key-matter rollups (not the cells', which no question here reads): {sw.Elapsed.TotalSeconds:0.0} s");
}
else if (await ScalarAsync("SELECT count(*) FROM key_matter_demand") == 0)
{
    // The needs were loaded but their rebuild did not commit (a run stopped during it, ten million needs in): rebuild only.
    var sw = Stopwatch.StartNew();
    await using var scope = app.Services.CreateAsyncScope();
    var rebuilt = await scope.ServiceProvider.GetRequiredService<NeedsMap.Api.KeyMatters.Rollups.KeyMatterRebuilder>().RebuildAsync(
        (done, total) =>
        {
            if (done % 500_000 < NeedsMap.Api.KeyMatters.Rollups.KeyMatterRebuilder.BatchSize || done == total)
            {
                Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} rebuild: {done:N0} of {total:N0} needs linked, {sw.Elapsed.TotalSeconds:0} s");
            }
        }, CancellationToken.None);
    Say($"- The needs were already loaded; rebuilt the key-matter rollups alone: {rebuilt.Elapsed.TotalSeconds:0.0} s");
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
var path = BenchRepository.Results(aYear ? "keymatters.md" : $"keymatters-{needs}-{days}d.md");
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine($"Wrote {path}");
await app.StopAsync();
