using System.Diagnostics;
using System.Text;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Bench.KeyMatters;

/// <summary>
/// Times the two rebuilds a city runs after a bulk load or a rule change (rebuild-cells, rebuild-key-matters) on the
/// bench's loaded needs, each in its own scope as the commands run them, and appends the result to keymatters.md.
/// </summary>
internal static class RebuildBench
{
    public static async Task RunAsync(IServiceProvider services, int needs, string server)
    {
        static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        var report = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }
        var port = new NpgsqlConnectionStringBuilder(server).Port;
        Say($"\n## Rebuilds at {needs:N0} needs: run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared)\n");
        Say($"```\nexport NEEDSMAP_DB=\"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres\"");
        Say($"dotnet run -c Release --project bench/NeedsMap.Bench.KeyMatters -- {needs} 0 0 rebuild\n```\n");
        Say("| rebuild | needs | cases or cells | rows | seconds | load average before |");
        Say("|---|---:|---:|---:|---:|---|");
        await using (var scope = services.CreateAsyncScope())
        {
            var load = Load();
            var clock = Stopwatch.StartNew();
            var cells = await scope.ServiceProvider.GetRequiredService<CellRollupRebuilder>().RebuildAsync(CancellationToken.None);
            Say($"| rebuild-cells | {cells.Needs:N0} | {cells.Cells:N0} cells | {cells.Rows:N0} | {clock.Elapsed.TotalSeconds:0.0} | `{load}` |");
        }
        var stages = new SortedDictionary<string, double>(StringComparer.Ordinal);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == NeedsMap.Api.Needs.Ingestion.IngestionTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                lock (stages)
                {
                    stages[activity.OperationName] = stages.GetValueOrDefault(activity.OperationName) + activity.Duration.TotalSeconds;
                }
            },
        };
        await using (var scope = services.CreateAsyncScope())
        {
            var load = Load();
            ActivitySource.AddActivityListener(listener);
            var clock = Stopwatch.StartNew();
            var keyMatters = await scope.ServiceProvider.GetRequiredService<KeyMatterRebuilder>().RebuildAsync(CancellationToken.None);
            Say($"| rebuild-key-matters (topics relearnt, every need relinked into cases and recounted) | {keyMatters.Needs:N0} | "
                + $"{keyMatters.Cases:N0} cases | {keyMatters.Rows:N0} | {clock.Elapsed.TotalSeconds:0.0} | `{load}` |");
        }
        Say($"\nLoad average after: `{Load()}`.");
        Say("\nWhere rebuild-key-matters spent its time (spans, seconds summed over its batches):\n");
        Say("| span | seconds |\n|---|---:|");
        foreach (var (stage, seconds) in stages)
        {
            Say($"| {stage} | {seconds:0.0} |");
        }
        var path = BenchRepository.Results("keymatters.md");
        await File.AppendAllTextAsync(path, report.ToString());
        Console.WriteLine($"Appended to {path}");
    }
}
