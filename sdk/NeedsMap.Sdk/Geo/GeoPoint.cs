namespace NeedsMap.Sdk.Geo;

/// <summary>A longitude/latitude pair in degrees, in the datum its context names.</summary>
/// <param name="Longitude">Degrees east.</param>
/// <param name="Latitude">Degrees north.</param>
public readonly record struct GeoPoint(double Longitude, double Latitude);
