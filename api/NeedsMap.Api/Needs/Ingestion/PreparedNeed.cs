using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>
/// A record checked, converted to WGS-84 and classified, ready for the set-based store. A jurisdiction is known
/// already when the address placed it; otherwise PostGIS finds it from the point.
/// </summary>
internal sealed record PreparedNeed(
    int Index,
    IncomingNeed Source,
    string Text,
    Point Location,
    LocatedBy LocatedBy,
    string? JurisdictionCode,
    string? JurisdictionPath,
    string CategoryCode,
    double? CategoryConfidence,
    string? ClassifierVersion,
    double Weight,
    (byte[] Ciphertext, string KeyId)? Contact)
{
    /// <summary>The channel's attributes as a JSON object, or null (<see cref="ChannelExtras"/>).</summary>
    public string? AttributesJson { get; init; }

    /// <summary>The channel's notes as a JSON array of {at, kind, text}, or null.</summary>
    public string? NotesJson { get; init; }
}

/// <summary>A record the pipeline refused, with a stable code; nothing of it was stored.</summary>
public sealed record IngestRejection(int Index, string? ExternalId, string Code, string Message);

public sealed record IngestedNeed(int Index, long NeedId, string ExternalId, IngestOutcome Outcome);

public sealed record IngestBatchResult(IReadOnlyList<IngestedNeed> Accepted, IReadOnlyList<IngestRejection> Rejected);
