using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;

namespace NeedsMap.Api.Divisions.Graph;

internal sealed class DivisionMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Payload<ImportDivisionsInputGraphType, ImportDivisionsInput, DivisionImportReportGraphType>("importDivisions",
            "Admin: imports the city's divisions (any depth down to grids, 网格) and boundaries. Everything is validated first; with dryRun, or "
                + "when any ERROR is found, nothing is written and the report says why. A re-import updates divisions in place, places every need "
                + "again and rebuilds the cell and key-matter rollups. The command line (import-divisions) takes larger files and Shapefiles. "
                + "Errors: INVALID_INPUT (an unreadable file).",
            new("report", "the import's report (what was found, and whether it was written)"), ErrorKinds.Validation,
            async (ctx, input) =>
            {
                byte[]? xlsx = null;
                if (input.DivisionsXlsx is { } base64)
                {
                    try
                    {
                        xlsx = Convert.FromBase64String(base64);
                    }
                    catch (FormatException)
                    {
                        throw new DomainException(ErrorCodes.InvalidInput, "divisionsXlsx is not base64.");
                    }
                }
                if ((input.Divisions is null) == (xlsx is null))
                {
                    throw new DomainException(ErrorCodes.InvalidInput, "Give the table once: divisions (CSV) or divisionsXlsx.");
                }
                var source = new DivisionSource(input.Divisions, xlsx, input.Boundaries, input.CoordinateSystem, input.Tolerance);
                return await ctx.Service<DivisionImport>().ImportAsync(source, input.DryRun, ctx.CancellationToken);
            });
    }
}
