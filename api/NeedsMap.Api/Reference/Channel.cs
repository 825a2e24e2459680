using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Reference;

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
    /// <summary>Needs this channel created: a redelivery or a revision of one does not count again.</summary>
    public long AcceptedCount { get; set; }
    /// <summary>Deliveries of a newer version of a need already stored.</summary>
    public long RevisedCount { get; set; }
    /// <summary>Deliveries of a version already stored or passed, which changed nothing.</summary>
    public long UnchangedCount { get; set; }
    /// <summary>Quarantine entries: a redelivered bad record updates its entry and does not count again.</summary>
    public long RejectedCount { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
}
