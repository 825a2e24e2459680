namespace NeedsMap.Sdk.Geo;

/// <summary>A longitude/latitude pair in degrees, in the datum its context names.</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude);
