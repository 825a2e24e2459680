using GraphQL;

namespace NeedsMap.Api.Graph;

/// <summary>
/// A client's mistake, reported as a GraphQL error with a stable <c>extensions.code</c> from <see cref="ErrorCodes"/>.
/// Thrown before anything is written, so a rejected request changes nothing.
/// </summary>
public sealed class DomainException : ExecutionError
{
    public DomainException(string code, string message) : base(message)
    {
        Code = code;
    }
}
