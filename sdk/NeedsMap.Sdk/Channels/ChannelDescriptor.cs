using NeedsMap.Sdk.Geo;

namespace NeedsMap.Sdk;

/// <summary>
/// Describes a channel: what it is called, what it sends and in which datum its coordinates are.
/// The host shows it to operators and uses <see cref="Code"/> as the channel's key everywhere.
/// </summary>
/// <param name="Code">Stable lower-case key of the channel, e.g. <c>12345</c> or <c>four-platforms</c>; never renamed once records exist.</param>
/// <param name="Name">Chinese display name, e.g. <c>12345政务服务便民热线</c>.</param>
/// <param name="NativeFormat">The media type the channel sends: <c>application/json</c>, <c>application/xml</c>, <c>text/csv</c>.</param>
/// <param name="CoordinateSystem">The datum of the coordinates the channel sends; the host converts them to WGS-84.</param>
/// <param name="Description">What the channel carries and anything an operator should know about it.</param>
public sealed record ChannelDescriptor(
    string Code,
    string Name,
    string NativeFormat,
    CoordinateSystem CoordinateSystem,
    string Description)
{
    /// <summary>
    /// How much one record from this channel counts towards a need's weight, relative to an ordinary
    /// report (1.0). Petitions, which usually follow other channels that failed, weigh more.
    /// </summary>
    public double Weight { get; init; } = 1.0;
}
