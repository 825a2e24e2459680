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
        {
            var services = context.BuildServices();
            var exit = await DetachPartitionsCommand.RunAsync(services, context, parse.GetValue(before), ct);
            // need_tile_squares is not partitioned: recounted, so the tiles and the bbox counts (Weather/Tiles/BoxCounts) leave
            // the detached needs as every other read does.
            var dataSource = services.GetRequiredService<Npgsql.NpgsqlDataSource>();
            await Weather.Tiles.NeedTileSquareWriter.RecountAsync(dataSource, ct);
            // So are the current-window tables, and the day turn only shifts them (takes away the days that leave the window
            // as they are then): recounted from what is left, or they would keep the detached rows for good.
            await Weather.Rollups.CellWindowCounts.RecountAloneAsync(dataSource, null, ct);
            return exit;
        });
        return command;
    }
}
