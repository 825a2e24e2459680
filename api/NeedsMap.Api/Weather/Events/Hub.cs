using NeedsMap.Api.Common.Events;

namespace NeedsMap.Api.Weather.Events;

/// <summary>A cell whose demand changed; clients refetch what they show of it.</summary>
public sealed record CellChange(string CellId, string JurisdictionCode, string JurisdictionPath)
{
    /// <summary>Filled in for subscribers, from the grid captured when they subscribed.</summary>
    public NetTopologySuite.Geometries.Polygon? Polygon { get; init; }
}

public sealed class CellChangeHub : Hub<CellChange>;

public sealed class WarningHub : Hub<Warnings.DemandWarning>;
