using System.CommandLine;
using NeedsMap.Api.Areas;
using NeedsMap.Api.Common.CommandLine;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>import-areas KIND FILE</c>: service areas from GeoJSON, as importServiceAreas does.</summary>
internal static class ImportAreasCli
{
    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("kind") { Description = "What the areas are: school_district, clinic_catchment or other.", HelpName = "kind" }
            .AcceptOnlyFromAmong("school_district", "clinic_catchment", "other");
        var file = new Argument<FileInfo>("file") { Description = "A GeoJSON FeatureCollection of polygons with a code and a name." }.AcceptExistingOnly();
        var command = new Command(ImportAreasCommand.Name, "Imports service areas (school districts, clinic catchments) from a GeoJSON file.")
        {
            kind, file,
        };
        command.SetAction(async (parse, ct) => await ImportAreasCommand.RunAsync(context.BuildServices(), parse.GetRequiredValue(kind),
            parse.GetRequiredValue(file).FullName, context, ct));
        return command;
    }
}
