using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Warnings;

namespace NeedsMap.Api.Weather.Graph;

public sealed class WarningScopeGraphType : EnumerationGraphType<WarningScope>
{
    public WarningScopeGraphType()
    {
        Name = "WarningScope";
    }
}

public sealed class WarningKindGraphType : EnumerationGraphType<WarningKind>
{
    public WarningKindGraphType()
    {
        Name = "WarningKind";
        Description = "SURGE: demand its history does not explain; SOCIAL_RISK: collective action, escalation, anger or repeats in one matter.";
    }
}

public sealed class DemandWarningGraphType : ObjectGraphType<DemandWarning>
{
    public const string TypeName = "DemandWarning";

    public DemandWarningGraphType()
    {
        Name = TypeName;
        Description = "预警: a rise in demand its history does not explain (kind SURGE: " + WarningDetector.TestName + "), or a social risk (kind "
            + "SOCIAL_RISK, 社会风险: " + Warnings.Risk.SocialRiskDetector.Rule + "). Evidence holds counts, expectations, p-values and lexicon words, "
            + "never a text, a need or a resident.";
        Interface<NodeInterfaceGraphType>();
        IsTypeOf = o => o is DemandWarning;
        Field<NonNullGraphType<IdGraphType>>("id")
            .Resolve(ctx => Api.Graph.Relay.GlobalId.Encode(TypeName, ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Field<NonNullGraphType<WarningKindGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<WarningScopeGraphType>>("scope").Resolve(ctx => ctx.Source.Scope);
        Field(w => w.ScopeKey).Description("The cell id, community code or category code; risk:<community>:<category> for a social risk.");
        Field(w => w.JurisdictionCode, nullable: true);
        Field(w => w.CategoryCode, nullable: true).Description("The matter's category (social risk).");
        Field<NonNullGraphType<DateOnlyGraphType>>("windowStart").Resolve(ctx => ctx.Source.WindowStart);
        Field<NonNullGraphType<DateOnlyGraphType>>("windowEnd").Resolve(ctx => ctx.Source.WindowEnd);
        Field(w => w.Observed).Description("Needs in the window (SURGE); distinct residents in the window (SOCIAL_RISK).");
        Field(w => w.Expected).Description("The mean count of the baseline windows; for SOCIAL_RISK the baseline's needs scaled to the window.");
        Field(w => w.PValue).Description("P(X ≥ observed) for X ~ Poisson(max(expected, 0.5)); for SOCIAL_RISK the Fisher-combined p of its signals.");
        Field(w => w.Test);
        Field(w => w.Evidence).Description("JSON: the baseline windows' counts (oldest first), λ, α; for SOCIAL_RISK each signal's observed, "
            + "expected and p, and the lexicon words found with their counts.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("raisedAt").Resolve(ctx => ctx.Source.RaisedAt);
    }
}

public sealed class CellChangeGraphType : ObjectGraphType<CellChange>
{
    public CellChangeGraphType()
    {
        Name = "CellChange";
        Description = "A cell whose demand changed; query cells for its new numbers.";
        // cellId keeps its old meaning (the hexagon's key) for the deprecation period, so subscribers do not break.
        Field<NonNullGraphType<IdGraphType>>("cellId").Description("The hexagon's key r{metres}:{q}:{r}.")
            .DeprecationReason("Use cellKey (the same key), or cellNodeId for the global id node(id) reads.").Resolve(ctx => ctx.Source.CellId);
        Field<NonNullGraphType<StringGraphType>>("cellKey").Description("The hexagon's key r{metres}:{q}:{r}, as Cell.key.").Resolve(ctx => ctx.Source.CellId);
        Field<NonNullGraphType<IdGraphType>>("cellNodeId").Description("The cell's global id, as Cell.id: node(id) reads the cell again.")
            .Resolve(ctx => Api.Graph.Relay.GlobalId.Encode(CellGraphType.TypeName, ctx.Source.CellId));
        Field<NonNullGraphType<CellResolutionGraphType>>("resolution").Resolve(ctx => HexCell.Parse(ctx.Source.CellId).Resolution);
        Field(c => c.JurisdictionCode);
        Field<GeometryGraphType>("polygon").Resolve(ctx => ctx.Source.Polygon);
    }
}

public sealed class RebuildResultGraphType : ObjectGraphType<Rollups.CellRollupRebuilder.Result>
{
    public RebuildResultGraphType()
    {
        Name = "RebuildCellsResult";
        Field<NonNullGraphType<FloatGraphType>>("needs").Resolve(ctx => (double)ctx.Source.Needs);
        Field<NonNullGraphType<FloatGraphType>>("cells").Resolve(ctx => (double)ctx.Source.Cells);
        Field<NonNullGraphType<FloatGraphType>>("rows").Resolve(ctx => (double)ctx.Source.Rows);
        Field<NonNullGraphType<FloatGraphType>>("seconds").Resolve(ctx => Math.Round(ctx.Source.Elapsed.TotalSeconds, 3));
    }
}
