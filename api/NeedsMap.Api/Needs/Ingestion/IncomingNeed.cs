using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>A need as any channel delivers it, before it is located, classified and stored.</summary>
public sealed record IncomingNeed(
    string ChannelCode,
    string ExternalId,
    long Version,
    DateTimeOffset ReceivedAt,
    string Text,
    GeoPoint? Location,
    CoordinateSystem CoordinateSystem,
    string? Address,
    string? CategoryCode,
    string Actor)
{
    public string? ReporterKey { get; init; }
    public string? ReporterAgeBand { get; init; }
    public string? ReporterGender { get; init; }
    public string? ReporterGroup { get; init; }
    /// <summary>Who reported it and how to reach them; stored only encrypted.</summary>
    public ReporterContact? Contact { get; init; }
}

/// <summary>What ingesting one record did: created a need, revised one, or found it already stored.</summary>
public enum IngestOutcome
{
    Created,
    Revised,
    Unchanged,
}

public sealed record IngestResult(Need Need, IngestOutcome Outcome);
