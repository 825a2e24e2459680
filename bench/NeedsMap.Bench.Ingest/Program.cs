using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Startup;
using NeedsMap.Bench;
using NeedsMap.Bench.Ingest;
using NeedsMap.Sdk;
using Npgsql;

// dotnet run -c Release --project bench/NeedsMap.Bench.Ingest -- [records=100000] [chunk=FileIngestion.DefaultChunkSize]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var chunk = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : FileIngestion.DefaultChunkSize;
var server = Environment.GetEnvironmentVariable("NEEDSMAP_DB") ?? throw new InvalidOperationException("Set NEEDSMAP_DB to a PostGIS server.");
var repository = BenchRepository.Root;
var database = $"needsmap_bench_ingest_{Guid.NewGuid():N}"[..40];
var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0 }.ConnectionString;
var pluginRoot = Directory.CreateTempSubdirectory("needsmap-bench-plugins-").FullName;
CopyDirectory(Path.Combine(repository, "plugins", "NeedsMap.Channels.Hotline12345", "bin", "Release", "net10.0"),
    Path.Combine(pluginRoot, "NeedsMap.Channels.Hotline12345"));

var builder = WebApplication.CreateBuilder();
builder.Environment.EnvironmentName = "Production";
builder.Configuration["ConnectionStrings:NeedsMap"] = connectionString;
builder.Configuration["NeedsMap:LoadDemoCity"] = "true";
builder.Configuration["NeedsMap:LoadDemoNeeds"] = "false";
builder.Configuration["NeedsMap:Plugins:Root"] = pluginRoot;
// One parse of the whole file runs under the plugin time limit; 100,000 orders take longer than the inbox's 10 s on a busy machine.
builder.Configuration["NeedsMap:Plugins:CallTimeout"] = "00:05:00";
builder.Configuration["NeedsMap:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
builder.Configuration["NeedsMap:Privacy:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
builder.Configuration["NeedsMap:Privacy:Keys:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
// Production refuses the published development salt (Startup/SettingsRules).
builder.Configuration["NeedsMap:Plugins:IdentitySalt"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
builder.Configuration["Logging:LogLevel:Default"] = "Warning";
builder.WebHost.UseUrls("http://127.0.0.1:0");
// The server as scripts/run starts it (listeners, rollup hook, plugin watcher), minus nothing.
builder.Services.AddNeedsMap(builder.Configuration);

await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
{
    await admin.OpenAsync();
    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
    await create.ExecuteNonQueryAsync();
}
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

var app = builder.Build();
try
{
    var setup = Stopwatch.StartNew();
    await app.StartAsync();
    var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
    async Task<long> ScalarAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
    async Task ResetAsync() => await ScalarAsync("""
        TRUNCATE needs, need_history, pending_rollups, cell_demand, cell_demand_blocks, cells, demand_warnings, quarantined_records,
          key_matter_demand, key_matter_needs, cases RESTART IDENTITY CASCADE;
        CHECKPOINT; SELECT 0
        """);
    await app.Services.GetRequiredService<ChannelPluginCatalog>().ScanAsync();
    var warmUp = WorkOrders.Export(2_000, "WARM12345", seed: 7);
    var export = WorkOrders.Export(count, "YW12345", seed: 2026);
    Console.WriteLine($"set up (migrate, Yiwu's jurisdictions, {count:N0} orders generated) in {setup.Elapsed.TotalSeconds:0.0} s");

    var storedAt = TimeSpan.Zero;
    var countedAt = TimeSpan.Zero;
    var clock = Stopwatch.StartNew();
    async Task<FileIngestProgress> IngestAsync(byte[] bytes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<FileIngestion>();
        clock.Restart();
        return await files.IngestAsync("12345", new ChannelPayload(bytes, "application/json; charset=utf-8", "bench"), "bench:ingest",
            p =>
            {
                storedAt = p.Done == p.Parsed && !p.Counted ? clock.Elapsed : storedAt;
                countedAt = p.Counted ? clock.Elapsed : countedAt;
            }, CancellationToken.None, chunk);
    }

    // Warm-up: JIT, the plugin's first load, the classifier's dictionaries, pooled connections.
    await IngestAsync(warmUp);
    await ResetAsync();

    // Parse alone, for the profile below (not part of either rate).
    var adapter = app.Services.GetRequiredService<ChannelPluginCatalog>().FindAdapter("12345")!;
    var parseClock = Stopwatch.StartNew();
    var parsed = adapter.Parse(new ChannelPayload(export, "application/json", "bench"), new NeedsMap.Sdk.Testing.TestChannelContext());
    var parseSeconds = parseClock.Elapsed.TotalSeconds;

    static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
    string loadBefore;
    Stopwatch pipelineClock;
    FileIngestProgress result;
    double pipelineSeconds;
    // 1. The whole pipeline: plugin parse, prepare, COPY to staging, locate, upsert + history + notify + rollups, chunk by chunk.
    var stages = new Dictionary<string, double>(StringComparer.Ordinal);
    using (var listener = new ActivityListener
    {
        ShouldListenTo = source => source.Name == IngestionTelemetry.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        ActivityStopped = activity =>
        {
            lock (stages)
            {
                stages[activity.OperationName] = stages.GetValueOrDefault(activity.OperationName) + activity.Duration.TotalSeconds;
            }
        },
    })
    {
        ActivitySource.AddActivityListener(listener);
        loadBefore = Load();
        pipelineClock = Stopwatch.StartNew();
        result = await IngestAsync(export);
        pipelineSeconds = pipelineClock.Elapsed.TotalSeconds;
    }
    var stored = await ScalarAsync("SELECT count(*) FROM needs");
    var history = await ScalarAsync("SELECT count(*) FROM need_history");
    var rollups = await ScalarAsync("SELECT count(*) FROM cell_demand");
    var keyMatterRows = await ScalarAsync("SELECT count(*) FROM key_matter_demand");

    // 2. The same rows, as the pipeline stored them, by one raw binary COPY into the same (emptied) table.
    var rows = await RawCopy.ReadAsync(dataSource);
    await ResetAsync();
    var copyClock = Stopwatch.StartNew();
    var copied = await RawCopy.WriteAsync(dataSource, rows);
    var copySeconds = copyClock.Elapsed.TotalSeconds;

    var loadAfter = Load();
    var storedSeconds = storedAt.TotalSeconds;
    var storedRate = stored / storedSeconds;
    // Counted: cells, key matters and cases current (the Counted report); the file's texts are masked for masked roles'
    // searches after that, before ingest returns (the whole pipeline's time).
    var countedSeconds = countedAt.TotalSeconds;
    var countedRate = stored / countedSeconds;
    var maskedRate = stored / pipelineSeconds;
    var copyRate = copied / copySeconds;
    Say($"\n## Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC (bench output, appended): 12345 work orders through the whole pipeline vs a raw binary COPY\n");
    Say($"Load average (1/5/15 min) before the pipeline `{loadBefore}`, after it `{loadAfter}`, after the COPY `{Load()}`. On "
        + $"{Environment.ProcessorCount} cores (shared with other work), PostgreSQL at "
        + $"{new NpgsqlConnectionStringBuilder(server).Host}:{new NpgsqlConnectionStringBuilder(server).Port}, a fresh database migrated and loaded "
        + "with Yiwu's 559 jurisdictions (no demo needs).\n");
    Say($"```\nexport NEEDSMAP_DB=\"Host=127.0.0.1;Port={new NpgsqlConnectionStringBuilder(server).Port};Username=postgres;Database=postgres\"");
    Say($"dotnet run -c Release --project bench/NeedsMap.Bench.Ingest -- {count} {chunk}\n```\n");
    Say($"Input: one export of {count:N0} work orders in the 12345 platform's JSON ({export.Length / 1024.0 / 1024.0:0.0} MiB): the demo city's "
        + "generated needs (Chinese texts, points across Yiwu's 544 communities) with callers' names, phones and ID numbers (60%), the platform's "
        + "category labels and GCJ-02 coordinates.\n");
    Say("| path | rows | seconds | rows/s | ratio to COPY |\n|---|---:|---:|---:|---:|");
    Say($"| whole pipeline, **stored**: every need parsed, converted, located, classified, committed with its history and announced to "
        + $"subscribers (`FileIngestion`, what `ingest` runs; chunks of {chunk:N0}) | {stored:N0} | {storedSeconds:0.00} | {storedRate:N0} | "
        + $"**{storedRate / copyRate:0.00}** |");
    Say($"| whole pipeline, **counted**: the same, until the derived tables (cell and key-matter rollups, cases) caught up "
        + $"| {stored:N0} | {countedSeconds:0.00} | {countedRate:N0} | **{countedRate / copyRate:0.00}** |");
    Say($"| whole pipeline, counted and **masked** (the file's texts masked for masked roles' searches, after counting) and `ingest` returned "
        + $"| {stored:N0} | {pipelineSeconds:0.00} | {maskedRate:N0} | {maskedRate / copyRate:0.00} |");
    Say($"| raw binary COPY of the same rows into `needs` | {copied:N0} | {copySeconds:0.00} | {copyRate:N0} | 1 |");
    Say($"\nTargets: stored / COPY ≥ 0.5, counted / COPY ≥ 0.5 (issue #18 item 7). Each chunk is announced to subscribers as it commits; the derived tables are counted once the "
        + "whole file is stored (background counting is held meanwhile, on every server: `RollupApplier.HoldAsync`), in batches of "
        + $"{NeedsMap.Api.Needs.Rollups.RollupApplier.BatchSize:N0}.\n");
    Say($"The pipeline also wrote {history:N0} history rows, {rollups:N0} cell rollup rows, {keyMatterRows:N0} key-matter rollup rows and one "
        + $"notification per need; {result.Accepted:N0} accepted, {result.Rejected:N0} quarantined. Parsing alone (the plugin on the whole export): "
        + $"{parseSeconds:0.00} s for {parsed.Records.Count:N0} records.");
    Say("\n## Where the time goes (spans of `NeedsMap.Ingestion`, same run; two chunks are stored at once, so storing spans overlap)\n");
    Say("| stage | seconds | share of the counted run |\n|---|---:|---:|");
    foreach (var stage in new[] { "parse", "prepare", "stage", "locate", "upsert", "identify", "hooks", "catch-up" })
    {
        var seconds = stages.GetValueOrDefault(stage);
        var label = stage switch
        {
            "hooks" => "hooks (counting into the derived tables)",
            "catch-up" => "catch-up (counting the file once it is stored)",
            _ => stage,
        };
        Say($"| {label} | {seconds:0.00} | {seconds / pipelineSeconds:P0} |");
    }
    foreach (var (stage, seconds) in stages.Where(s => s.Key.Contains(':')).OrderBy(s => s.Key, StringComparer.Ordinal))
    {
        var where = stage.StartsWith("after-counting:", StringComparison.Ordinal) ? "after counting, before `ingest` returns" : "inside hooks";
        Say($"| &nbsp;&nbsp;{stage} ({where}) | {seconds:0.00} | {seconds / pipelineSeconds:P0} |");
    }
    // Appended: earlier runs stay in the file for comparison.
    await File.AppendAllTextAsync(Path.Combine(repository, "bench", "results", "ingest.md"), report.ToString());
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
    await drop.ExecuteNonQueryAsync();
    Directory.Delete(pluginRoot, recursive: true);
}

static void CopyDirectory(string from, string to)
{
    foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
    {
        var target = Path.Combine(to, Path.GetRelativePath(from, file));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target, overwrite: true);
    }
}
