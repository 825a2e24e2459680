using System.Globalization;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Partitions;

/// <summary>
/// <c>detach-partitions --before DATE</c>: detaches the quarter partitions of needs and the cell rollups that end on or
/// before DATE, printing each; their rows leave the map and every query, and stay in tables of the same names.
/// </summary>
internal static class DetachPartitionsCommand
{
    public const string Name = "detach-partitions";

    public static async Task<int> RunAsync(IServiceProvider services, CliContext context, DateOnly before, CancellationToken cancellationToken)
    {
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(cancellationToken);
        }
        var detached = await services.GetRequiredService<PartitionUpkeep>().DetachBeforeAsync(before, cancellationToken);
        foreach (var name in detached)
        {
            await context.Output.WriteLineAsync($"detached {name}");
        }
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {detached.Count} partitions ending on or before {before:yyyy-MM-dd} detached"));
        return ExitCodes.Ok;
    }
}
