using NeedsMap.Sdk.Geo;

namespace NeedsMap.Sdk;

/// <summary>A need's position exactly as the channel sent it, with the datum it is in.</summary>
/// <param name="Longitude">Degrees east.</param>
/// <param name="Latitude">Degrees north.</param>
/// <param name="System">The datum; adapters set it and convert nothing, the host converts.</param>
public sealed record RecordLocation(double Longitude, double Latitude, CoordinateSystem System)
{
    /// <summary>The position as a point in its own datum.</summary>
    public GeoPoint ToGeoPoint() => new(Longitude, Latitude);

    /// <summary>The position converted to WGS-84, what the host stores.</summary>
    public GeoPoint ToWgs84() => CoordinateConverter.ToWgs84(ToGeoPoint(), System);
}
