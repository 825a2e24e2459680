using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Channels.Shared;

/// <summary>
/// Checks coordinates a Chinese channel sent before they become a location: in range, not the 0,0 that
/// stands for "none", and inside China, which also catches latitude and longitude sent the wrong way round.
/// </summary>
internal static class Coordinates
{
    public static bool TryCreate(double longitude, double latitude, CoordinateSystem system, out RecordLocation? location, out string why)
    {
        location = null;
        why = "";
        if (!double.IsFinite(longitude) || !double.IsFinite(latitude) || Math.Abs(longitude) > 180 || Math.Abs(latitude) > 90)
        {
            why = "is not a longitude/latitude pair";
            return false;
        }
        if (longitude == 0 && latitude == 0)
        {
            why = "is 0,0, which stands for no position";
            return false;
        }
        if (!CoordinateConverter.IsInsideChina(new GeoPoint(longitude, latitude)))
        {
            why = CoordinateConverter.IsInsideChina(new GeoPoint(latitude, longitude))
                ? "has latitude and longitude swapped"
                : "lies outside China";
            return false;
        }
        location = new RecordLocation(longitude, latitude, system);
        return true;
    }
}
