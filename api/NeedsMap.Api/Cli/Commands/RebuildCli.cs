using System.CommandLine;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>rebuild-cells</c> and <c>rebuild-key-matters</c>: the admin rebuilds, from the needs, with progress.</summary>
internal static class RebuildCli
{
    public static Command Cells(CliContext context)
    {
        var command = new Command(RebuildCellsCommand.Name,
            "Recomputes every need's weight and rebuilds the cells, rollups and time blocks (after channel or category weights change). "
            + "Servers answer from the old rollups until it commits.");
        command.SetAction(async (parse, ct) => await RebuildCellsCommand.RunAsync(context.BuildServices(), context, ct));
        return command;
    }

    public static Command KeyMatters(CliContext context)
    {
        var command = new Command(RebuildKeyMattersCommand.Name,
            "Relearns the topics, relinks every case and rebuilds the key-matter rollups from the needs, in one transaction "
            + "(as the rebuildKeyMatters mutation; after a COPY load or a change of the case rules).");
        command.SetAction(async (parse, ct) => await RebuildKeyMattersCommand.RunAsync(context.BuildServices(), context, ct));
        return command;
    }
}
