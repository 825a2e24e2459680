using System.CommandLine;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Divisions;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>import-divisions TABLE</c>: a city's divisions and boundaries, validated, then written in place (as importDivisions does).</summary>
internal static class ImportDivisionsCli
{
    public static Command Create(CliContext context)
    {
        var table = new Argument<FileInfo>("table") { Description = "The divisions: CSV or XLSX with code, name, parent[, level] (English or Chinese headers)." }
            .AcceptExistingOnly();
        var boundaries = new Option<FileInfo>("--boundaries") { Description = "Their boundaries: a GeoJSON FeatureCollection or a Shapefile (.shp beside its .dbf). Divisions without one get generated boundaries inside their parent." }
            .AcceptExistingOnly();
        var codeField = new Option<string>("--code-field") { Description = "The boundaries' property holding the division code.", DefaultValueFactory = _ => "code" };
        var coordinates = new Option<CoordinateSystem>("--coordinates") { Description = "The boundaries' coordinate system: Wgs84 (default), Gcj02 or Bd09." };
        var tolerance = new Option<double>("--tolerance") { Description = "Gaps and overlaps smaller than this share of a parent's area are not reported.", DefaultValueFactory = _ => DivisionPlanner.DefaultTolerance };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and report only; write nothing." };
        var command = new Command(ImportDivisionsCommand.Name,
            "Imports a city's divisions (any depth, grids included) and boundaries: a validation report first, nothing written on an error; a re-import updates in place, relocates needs and rebuilds the rollups.")
        {
            table, boundaries, codeField, coordinates, tolerance, dryRun,
        };
        command.SetAction(async (parse, ct) => await ImportDivisionsCommand.RunAsync(context.BuildServices(),
            new ImportDivisionsCommand.Options(parse.GetRequiredValue(table).FullName, parse.GetValue(boundaries)?.FullName, parse.GetValue(codeField) ?? "code",
                parse.GetValue(coordinates), parse.GetValue(tolerance), parse.GetValue(dryRun)), context, ct));
        return command;
    }
}
