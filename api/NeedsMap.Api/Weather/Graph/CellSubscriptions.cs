using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Warnings;

namespace NeedsMap.Api.Weather.Graph;

internal sealed class CellSubscriptions : ISubscriptionFields
{
    public void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<CellChangeGraphType>, CellChange>("cellChanged")
            .Description("Cells of a resolution whose demand changed, in a box or a jurisdiction's subtree, from every server on the database. "
                + "Without a token (and for residents): a cell when the public's map shows it differently (the default window and baseline, "
                + "small groups left out), checked at most twice a second; a need in a cell the public is not shown is not told.")
            .Argument<NonNullGraphType<CellResolutionGraphType>>("resolution")
            .Argument<BoundingBoxInputGraphType>("bbox")
            .Argument<StringGraphType>("jurisdictionCode")
            .ResolveStream(ctx =>
            {
                var resolution = ctx.GetArgument<HexResolution>("resolution");
                var weather = ctx.Service<AccessScope>().Weather;
                PublicCells.Require(weather, resolution);
                var path = JurisdictionPath(ctx);
                var visible = VisiblePrefix(ctx, path);
                var bbox = ctx.GetArgument<BoundingBox?>("bbox");
                var grid = ctx.Service<IHexGrid>();
                var box = bbox is null ? null : new NetTopologySuite.Geometries.Envelope(bbox.West, bbox.East, bbox.South, bbox.North);
                var prefix = $"r{(int)resolution}:";
                // The public hears a cell when its map shows it differently, not of every need counted in it (PublicCellFeed).
                IObservable<CellChange> changes = weather.IsPublic
                    ? ctx.Service<PublicCellFeed>().Following(resolution, ctx.Service<PublicCellChangeHub>())
                    : ctx.Service<CellChangeHub>();
                return changes
                    .Where(c => c.CellId.StartsWith(prefix, StringComparison.Ordinal)
                        && (path is null || c.JurisdictionPath.StartsWith(path, StringComparison.Ordinal))
                        && AccessScope.Within(visible, c.JurisdictionPath))
                    .Select(c => c with { Polygon = grid.Polygon(HexCell.Parse(c.CellId)) })
                    .Where(c => box is null || c.Polygon!.EnvelopeInternal.Intersects(box) && c.Polygon.Intersects(c.Polygon.Factory.ToGeometry(box)));
            });

        subscription.Field<NonNullGraphType<DemandWarningGraphType>, DemandWarning>("warningRaised")
            .Description("Warnings (demand surges and social risks) as the detectors raise them on any server, in a jurisdiction's subtree or (without one) anywhere.")
            .Argument<StringGraphType>("jurisdictionCode")
            .Argument<WarningKindGraphType>("kind", a => a.Description = "SURGE or SOCIAL_RISK; both when left out.")
            .ResolveStream(ctx =>
            {
                var path = JurisdictionPath(ctx);
                var visible = VisiblePrefix(ctx, path);
                var weather = ctx.Service<AccessScope>().Weather;
                var (isPublic, minimum) = (weather.IsPublic, weather.SuppressGroupsBelow);
                var kind = ctx.GetArgument<WarningKind?>("kind");
                return ctx.Service<WarningHub>().Where(w => (path is null || (w.JurisdictionPath?.StartsWith(path, StringComparison.Ordinal) ?? false))
                        && AccessScope.Within(visible, w.JurisdictionPath) && (kind is null || w.Kind == kind)
                        && (!isPublic || PublicWarnings.Shows(w, minimum)))
                    .Select(w => PublicWarnings.For(w, isPublic, minimum));
            });
    }

    /// <summary>Refuses a foreign jurisdiction at subscribe time; the prefix each event is checked against (values, not the ended scope).</summary>
    private static string? VisiblePrefix(IResolveFieldContext ctx, string? path)
    {
        var scope = ctx.Service<AccessScope>().Weather;
        scope.EnsureMayWatchAggregates(path);
        return scope.AggregatePathPrefix;
    }

    private static string? JurisdictionPath(IResolveFieldContext ctx) => ctx.GetArgument<string?>("jurisdictionCode") is { } code
        ? (ctx.Service<ReferenceData>().Current.FindJurisdiction(code)
            ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{code}\".")).Path
        : null;
}
