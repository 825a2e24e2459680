using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Needs;

public sealed class Need
{
    public long Id { get; init; }
    public required string ChannelCode { get; init; }
    public required string ExternalId { get; init; }
    /// <summary>The source's own revision; a redelivery with a version not above this one changes nothing.</summary>
    public long Version { get; set; }
    public required DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string Text { get; set; }
    public required string CategoryCode { get; set; }
    public double? CategoryConfidence { get; set; }
    public string? ClassifierVersion { get; set; }
    public NeedStatus Status { get; set; } = NeedStatus.New;
    public double Weight { get; set; } = 1.0;
    public required Point Location { get; set; }
    public string? Address { get; set; }
    public LocatedBy LocatedBy { get; set; }
    public required string JurisdictionCode { get; set; }
    public required string JurisdictionPath { get; set; }
    /// <summary>A salted hash of the reporter, for counting distinct residents without knowing who they are.</summary>
    public string? ReporterKey { get; set; }
    public string? ReporterAgeBand { get; set; }
    public string? ReporterGender { get; set; }
    public string? ReporterGroup { get; set; }
    /// <summary>The reporter's <see cref="Security.Privacy.ReporterContact"/>, AES-GCM encrypted (Security/ContactProtector).</summary>
    public byte[]? ContactEncrypted { get; set; }
    /// <summary>The key <see cref="ContactEncrypted"/> was written with, so keys can rotate.</summary>
    public string? ContactKeyId { get; set; }
    /// <summary>
    /// What the channel told besides the text (its own status word, handling unit, zip code, expected date, Open311
    /// attributes), as a JSON object of strings (<c>jsonb</c>); replaced by each newer version, null when none.
    /// </summary>
    public string? Attributes { get; set; }
}
