using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.KeyMatters.Rollups;

/// <summary>
/// <c>dotnet NeedsMap.Api.dll rebuild-key-matters</c>: what the <c>rebuildKeyMatters</c> mutation does, from a shell, with
/// progress over the needs fed; a rebuild at a million needs takes long enough that no HTTP request should hold it.
/// </summary>
internal static class RebuildKeyMattersCommand
{
    public const string Name = "rebuild-key-matters";

    public static async Task<int> RunAsync(IServiceProvider services, CliContext context, CancellationToken cancellationToken)
    {
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(cancellationToken);
        }
        await using var scope = services.CreateAsyncScope();
        KeyMatterRebuilder.Result result;
        using (var bar = CliProgress.Start(context, Name, 1, 100_000))
        {
            result = await scope.ServiceProvider.GetRequiredService<KeyMatterRebuilder>()
                .RebuildAsync((done, total) => bar.Report(done, total, $"{done:N0} of {total:N0} needs linked and counted"), cancellationToken);
        }
        await context.Output.WriteLineAsync($"rebuild-key-matters: {result.Needs:N0} needs → {result.Topics:N0} topics, {result.Cases:N0} cases, "
            + $"{result.Rows:N0} rollup rows in {result.Elapsed.TotalSeconds:0.0} s");
        return ExitCodes.Ok;
    }
}
