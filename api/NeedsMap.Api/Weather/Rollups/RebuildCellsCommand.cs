using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// <c>dotnet NeedsMap.Api.dll rebuild-cells</c>: after channel or category weights change, recomputes every need's weight
/// and rebuilds the cells, rollups and time blocks from the needs, printing each step as it finishes. Servers keep
/// answering from the old rollups until the rebuild commits, then drop their cached cells.
/// </summary>
internal static class RebuildCellsCommand
{
    public const string Name = "rebuild-cells";

    public static async Task<int> RunAsync(IServiceProvider services, CliContext context, CancellationToken cancellationToken)
    {
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(cancellationToken);
        }
        await using var scope = services.CreateAsyncScope();
        CellRollupRebuilder.Result result;
        using (var bar = CliProgress.Start(context, Name, 1, 1))
        {
            // Progress<T> would post to the thread pool and could print after the summary; this writes in step order.
            var progress = new WriteProgress(p => bar.Report(p.Step, p.Steps, $"[{p.Step}/{p.Steps}] {p.Done}"));
            result = await scope.ServiceProvider.GetRequiredService<CellRollupRebuilder>().RebuildAsync(progress, cancellationToken);
        }
        await context.Output.WriteLineAsync($"rebuild-cells: {result.Needs:N0} needs → {result.Cells:N0} cells, {result.Rows:N0} rollup rows in {result.Elapsed.TotalSeconds:0.0} s");
        return ExitCodes.Ok;
    }

    private sealed class WriteProgress(Action<CellRollupRebuilder.Progress> write) : IProgress<CellRollupRebuilder.Progress>
    {
        public void Report(CellRollupRebuilder.Progress value) => write(value);
    }
}
