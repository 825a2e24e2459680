namespace NeedsMap.Api.Common.Errors;

/// <summary>
/// A client's mistake, with a stable code from <see cref="ErrorCodes"/>; thrown before anything is written, so a rejected
/// request changes nothing. A plain exception at the bottom layer, so domain code (ingestion, the inbox, exports) needs
/// neither the GraphQL library nor the Graph folder: GraphQL requests see it as a <c>DomainError</c> (translated in one
/// place, <c>Graph/DomainErrors</c>), the HTTP doors as a <c>Graph/RestErrorBody</c>.
/// </summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
