namespace NeedsMap.Api.Web;

/// <summary>
/// What the map page needs from the server's configuration (section <c>NeedsMap:Map</c>). No basemap is
/// assumed: without one the page draws a plain background under the boundaries.
/// </summary>
public sealed class MapOptions
{
    public const string Section = "NeedsMap:Map";

    /// <summary>A MapLibre style URL for a vector or raster basemap (takes precedence over the tile URL).</summary>
    public string? BasemapStyleUrl { get; set; }

    /// <summary>A raster tile URL template with {z}/{x}/{y}, for a plain tile server.</summary>
    public string? BasemapTileUrl { get; set; }

    /// <summary>Attribution shown with the basemap, as its licence asks.</summary>
    public string? BasemapAttribution { get; set; }
}
