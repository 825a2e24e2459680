using NeedsMap.Sdk.Geo;

namespace NeedsMap.Sdk;

/// <summary>
/// Describes a channel: what it is called, what it sends and in which datum its coordinates are.
/// The host shows it to operators and uses <see cref="Code"/> as the channel's key everywhere.
/// It must keep to <see cref="DescriptorLimits"/>: the host refuses to load a plugin whose descriptor does not.
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
    private readonly IReadOnlyList<string>? _acceptedFormats;

    /// <summary>
    /// How much one record from this channel counts towards a need's weight, relative to an ordinary
    /// report (1.0). Petitions, which usually follow other channels that failed, weigh more.
    /// </summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>
    /// Every media type <see cref="IChannelAdapter.Parse"/> reads, <see cref="NativeFormat"/> among them (by default
    /// only it). The host refuses a push of any other content type (HTTP 415) before the adapter sees it.
    /// </summary>
    public IReadOnlyList<string> AcceptedFormats
    {
        get => _acceptedFormats ?? [NativeFormat];
        init => _acceptedFormats = value;
    }

    /// <summary>Whether <paramref name="mediaType"/> (parameters ignored, any case) is one of <see cref="AcceptedFormats"/>.</summary>
    public bool Accepts(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim();
        return AcceptedFormats.Any(f => string.Equals(f, bare, StringComparison.OrdinalIgnoreCase));
    }
}
