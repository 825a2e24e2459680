using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Privacy;
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
    /// <summary>What the channel told besides the text, kept with the need (replaced by each newer version).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    /// <summary>Where the channel says the need stands; null keeps the need's status (a new one starts New).</summary>
    public NeedStatus? Status { get; init; }
    /// <summary>
    /// The channel's own classification (<c>城乡建设/噪声污染</c>), used when <see cref="CategoryCode"/> is null: the city's table of
    /// external labels (Reference/ExternalLabelMap) maps it to a category.
    /// </summary>
    public string? ChannelCategory { get; init; }
    /// <summary>The channel's own history of the record, each kept once in the need's history.</summary>
    public IReadOnlyList<IncomingNote>? Notes { get; init; }
}

/// <summary>One entry of a record's history at its channel.</summary>
public sealed record IncomingNote(DateTimeOffset At, string Kind, string Text);

/// <summary>What ingesting one record did: created a need, revised one, or found it already stored.</summary>
public enum IngestOutcome
{
    Created,
    Revised,
    Unchanged,
}

public sealed record IngestResult(Need Need, IngestOutcome Outcome);
