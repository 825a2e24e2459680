namespace NeedsMap.Api.Graph;

/// <summary>
/// A client's mistake, with a stable code from <see cref="ErrorCodes"/>; thrown before anything is written, so a rejected
/// request changes nothing. A plain exception, so domain code (ingestion, the inbox, exports) needs no GraphQL library:
/// GraphQL requests see it as a <see cref="DomainError"/> (translated in one place, <see cref="DomainErrors"/>), the
/// HTTP doors as a <see cref="RestErrorBody"/>.
/// </summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
