using NeedsMap.Api.Cells.Grid;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Security;

namespace NeedsMap.Api.Cells.Rollups;

/// <summary>
/// What the public (no token) sees of the weather map: cells of 500 m and up, each holding at least the small-group
/// minimum of needs in its window. A finer cell is close to a street address, so asking for one is refused rather than
/// answered emptily; a tile asked without a resolution is drawn at the finest one the public may see.
/// </summary>
public static class PublicCells
{
    public const HexResolution MinimumResolution = HexResolution.R500;

    public static void Require(AccessScope scope, HexResolution resolution)
    {
        if (scope.IsPublic && resolution < MinimumResolution)
        {
            throw new DomainException(ErrorCodes.ResolutionTooFine,
                $"Without a token cells are {(int)MinimumResolution} m across or more ({MinimumResolution}, R1000, R2500); sign in for finer ones.");
        }
    }

    /// <summary>The resolution a zoom calls for, no finer than the public may see.</summary>
    public static HexResolution ForZoom(AccessScope scope, HexResolution byZoom) =>
        scope.IsPublic && byZoom < MinimumResolution ? MinimumResolution : byZoom;

    /// <summary>The cells a caller is shown: all of them, or for the public those with at least the small-group minimum.</summary>
    public static IReadOnlyList<T> Suppress<T>(AccessScope scope, IReadOnlyList<T> cells, Func<T, int> count) =>
        scope.SuppressGroupsBelow > 0 ? [.. cells.Where(c => count(c) >= scope.SuppressGroupsBelow)] : cells;
}
