using NeedsMap.Api.Filtering;

namespace NeedsMap.Api.Needs;

/// <summary>
/// An exact count of the needs a filter (already narrowed to the caller's scope) matches, from something cheaper than the
/// rows, for the filters it can answer exactly; null for the others, which <see cref="NeedReader"/> then counts row by row.
/// Implemented above Needs (<c>Weather/Tiles/BoxCounts</c> counts a bbox from the tile squares' rollup).
/// </summary>
public interface INeedCountShortcut
{
    Task<int?> TryCountAsync(NeedFilter filter, CancellationToken cancellationToken);
}
