using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Channels;

public sealed class Channel
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    /// <summary>How much one need from this channel weighs: a petition weighs more than a board post.</summary>
    public double Weight { get; set; } = 1.0;
    public CoordinateSystem CoordinateSystem { get; set; } = CoordinateSystem.Wgs84;
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? LastReceivedAt { get; set; }
    public long AcceptedCount { get; set; }
    public long RejectedCount { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
}
