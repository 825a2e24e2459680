namespace NeedsMap.Api.Open311;

// The GeoReport v2 documents, field for field as the specification names them (snake_case on the wire, JSON and XML).

/// <summary>A service: one category of the taxonomy that requests may be filed under.</summary>
public sealed record Open311Service(string ServiceCode, string ServiceName, string Description, bool Metadata, string Type, string Keywords, string Group);

/// <summary>A service definition: no service asks extra attributes, so the list is empty.</summary>
public sealed record Open311ServiceDefinition(string ServiceCode, IReadOnlyList<object> Attributes);

/// <summary>A service request as GET returns it. Datetimes are W3C (ISO 8601 with the city's offset).</summary>
public sealed record Open311Request(string ServiceRequestId, string Status, string? StatusNotes, string? ServiceName, string ServiceCode,
    string? Description, string? AgencyResponsible, string? ServiceNotice, string RequestedDatetime, string UpdatedDatetime,
    string? ExpectedDatetime, string? Address, string? AddressId, string? Zipcode, double Lat, double Long, string? MediaUrl);

/// <summary>What POST answers: the id at once (requests are stored synchronously) and a token for <c>tokens/{token}</c>.</summary>
public sealed record Open311Created(string ServiceRequestId, string Token, string? ServiceNotice, string? AccountId);

public sealed record Open311TokenAnswer(string ServiceRequestId, string Token);

/// <summary>The specification's error: the HTTP status again, and a description.</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>Thrown for a request the specification answers with an error document.</summary>
public sealed class Open311Exception(int code, string description) : Exception(description)
{
    public int Code { get; } = code;
}
