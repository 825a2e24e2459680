using GraphQL.Types;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Divisions.Graph;

/// <summary>importDivisions' input, as one record.</summary>
public sealed record ImportDivisionsInput(string? Divisions, string? DivisionsXlsx, string? Boundaries, CoordinateSystem CoordinateSystem,
    double Tolerance, bool DryRun);

public sealed class ImportDivisionsInputGraphType : InputObjectGraphType<ImportDivisionsInput>
{
    public ImportDivisionsInputGraphType()
    {
        Name = "ImportDivisionsInput";
        Description = "A city's divisions (区划) and boundaries. Give the table as CSV text (divisions) or as a base64 XLSX workbook (divisionsXlsx).";
        Field<StringGraphType>("divisions")
            .Description("CSV with a header: code, name, parent (empty for the city), and optionally level (CITY/STREET/COMMUNITY/GRID or 1–4), kind, official_name. 编码, 名称, 上级, 层级, 类型, 全称 work too.");
        Field<StringGraphType>("divisionsXlsx").Description("The same table as an XLSX workbook (first sheet), base64-encoded.");
        Field<StringGraphType>("boundaries")
            .Description("A GeoJSON FeatureCollection (as text): Polygons or MultiPolygons keyed by properties.code (or the feature id). "
                + "Divisions without one are generated inside their parent when none of their siblings has one.");
        Field<CoordinateSystemGraphType>("coordinateSystem").DefaultValue(CoordinateSystem.Wgs84)
            .Description("The datum of the boundaries; GCJ-02 and BD-09 are converted to WGS-84.");
        Field<FloatGraphType>("tolerance").DefaultValue(DivisionPlanner.DefaultTolerance)
            .Description("The share of area above which OUTSIDE_PARENT, OVERLAP and GAP are errors (default 0.001).");
        Field<BooleanGraphType>("dryRun").DefaultValue(false).Description("True: validate and report only; nothing is written.");
    }
}

public sealed class DivisionIssueSeverityGraphType : EnumerationGraphType<DivisionIssueSeverity>
{
    public DivisionIssueSeverityGraphType()
    {
        Name = "DivisionIssueSeverity";
        Description = "ERROR stops the import; WARNING is told and the import goes on.";
    }
}

public sealed class DivisionIssueGraphType : ObjectGraphType<DivisionIssue>
{
    public DivisionIssueGraphType()
    {
        Name = "DivisionIssue";
        Description = "One finding of a divisions import's validation.";
        Field<NonNullGraphType<DivisionIssueSeverityGraphType>>("severity").Resolve(ctx => ctx.Source.Severity);
        Field(i => i.Code).Description("INVALID_ROW, DUPLICATE_CODE, UNKNOWN_PARENT, CYCLE, SECOND_CITY, TOO_DEEP, LEVEL_MISMATCH, LEVEL_CHANGE, "
            + "INVALID_BOUNDARY, DUPLICATE_BOUNDARY, MISSING_BOUNDARY, OUTSIDE_PARENT, OVERLAP, GAP; warnings GENERATED, UNMATCHED_BOUNDARY, NOT_IN_FILE.");
        Field(i => i.Division, nullable: true).Description("The division's code, when the finding is about one.");
        Field(i => i.Message);
        Field(i => i.Share, nullable: true).Description("The measured share of area (OUTSIDE_PARENT, OVERLAP, GAP).");
    }
}

public sealed class DivisionImportReportGraphType : ObjectGraphType<DivisionImportResult>
{
    public DivisionImportReportGraphType()
    {
        Name = "DivisionImportReport";
        Description = "What a divisions import did (applied) or would do (a dry run, or refused for errors: nothing written).";
        Field<NonNullGraphType<BooleanGraphType>>("applied").Description("True when the divisions were written; false on a dry run or any error.")
            .Resolve(ctx => ctx.Source.Applied);
        Field<NonNullGraphType<IntGraphType>>("added").Resolve(ctx => ctx.Source.Plan.Count(DivisionChange.Added));
        Field<NonNullGraphType<IntGraphType>>("updated").Description("Renamed, moved, reshaped or given another kind; codes never change.")
            .Resolve(ctx => ctx.Source.Plan.Count(DivisionChange.Updated));
        Field<NonNullGraphType<IntGraphType>>("unchanged").Resolve(ctx => ctx.Source.Plan.Count(DivisionChange.Unchanged));
        Field<NonNullGraphType<IntGraphType>>("moved").Description("Divisions given another parent.").Resolve(ctx => ctx.Source.Plan.Divisions.Count(d => d.Moved));
        Field<NonNullGraphType<IntGraphType>>("reshaped").Description("Stored divisions whose boundary changes.")
            .Resolve(ctx => ctx.Source.Plan.Divisions.Count(d => d.Reshaped));
        Field<NonNullGraphType<IntGraphType>>("generated").Description("Divisions whose new boundary is generated inside their parent.")
            .Resolve(ctx => ctx.Source.Plan.Generated);
        Field<NonNullGraphType<IntGraphType>>("retained").Description("Stored divisions the file does not list, kept as they are.")
            .Resolve(ctx => ctx.Source.Plan.Retained);
        Field<NonNullGraphType<FloatGraphType>>("relocatedNeeds").Description("Needs now in another division (each with a 'relocated' history entry).")
            .Resolve(ctx => (double)ctx.Source.RelocatedNeeds);
        Field<NonNullGraphType<FloatGraphType>>("unplacedNeeds").Description("Needs no division covers any more; they keep their division.")
            .Resolve(ctx => (double)ctx.Source.UnplacedNeeds);
        Field<NonNullGraphType<IntGraphType>>("errorCount").Resolve(ctx => ctx.Source.Plan.Issues.Count(i => i.Severity == DivisionIssueSeverity.Error));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DivisionIssueGraphType>>>>("issues")
            .Description("Every finding, errors first (at most 500).")
            .Resolve(ctx => ctx.Source.Plan.Issues.OrderBy(i => i.Severity).Take(500));
    }
}
