using System.CommandLine;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Partitions;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>detach-partitions --before DATE</c>: old quarters out of the live tables (docs/partitions.md).</summary>
internal static class PartitionsCli
{
    public static Command Detach(CliContext context)
    {
        var before = new Option<DateOnly>("--before")
        {
            Description = "Detach the quarter partitions that end on or before this day (yyyy-MM-dd, 00:00 UTC).",
            Required = true,
        };
        var command = new Command(DetachPartitionsCommand.Name,
            "Detaches the quarter partitions of needs and the cell rollups ending on or before --before: their rows leave "
            + "every read and stay in tables of the same names, to archive or attach again.")
        {
            before,
        };
        command.SetAction(async (parse, ct) =>
            await DetachPartitionsCommand.RunAsync(context.BuildServices(), context, parse.GetValue(before), ct));
        return command;
    }
}
