using GraphQL;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Warnings;

namespace NeedsMap.Api.Weather.Graph;

/// <summary>
/// A cell by its global id: the hexagon over <c>cells</c>' default window (the last 30 city days, 4 baseline windows), read
/// through the same reader, so the public's resolution floor and small-group rule hold; null when it has no demand to show.
/// </summary>
internal sealed class CellNode : INodeType
{
    public string TypeName => CellGraphType.TypeName;

    public string Door => "cells";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context)
    {
        if (!HexCell.TryParse(key, out var cell) || (context.Service<AccessScope>().Weather.IsPublic && cell.Resolution < PublicCells.MinimumResolution))
        {
            return null;
        }
        var envelope = context.Service<IHexGrid>().Polygon(cell).EnvelopeInternal;
        var box = new BoundingBox { West = envelope.MinX, South = envelope.MinY, East = envelope.MaxX, North = envelope.MaxY };
        var window = new CellWindow(context.Service<CityDays>().Today, CellQueryDefaults.WindowDays);
        var cells = await context.Service<CellReader>().ReadAsync(cell.Resolution, box, null, null, window, CellQueryDefaults.BaselineWindows,
            context.CancellationToken);
        return cells.FirstOrDefault(c => c.Cell == cell);
    }
}

/// <summary>A warning by its global id, scoped like <c>warnings</c>: the caller's subtree, and for the public only what it shows.</summary>
internal sealed class WarningNode : INodeType
{
    public string TypeName => DemandWarningGraphType.TypeName;

    public string Door => "warnings";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context)
    {
        if (NodeTypes.Number(key) is not { } id)
        {
            return null;
        }
        var scope = context.Service<AccessScope>();
        var warning = await context.Service<NeedsMapDbContext>().Set<DemandWarning>().AsNoTracking()
            .FirstOrDefaultAsync(w => w.Id == id, context.CancellationToken);
        if (warning is null || (scope.AggregatePathPrefix is { } prefix && !AccessScope.Within(prefix, warning.JurisdictionPath)))
        {
            return null;
        }
        return PublicWarnings.Filter([warning], scope).FirstOrDefault();
    }
}
