using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport.Http;

/// <summary>A request refused before GraphQL saw it: the status, a stable code and a message for the client.</summary>
internal sealed record HttpRejection(int StatusCode, string Code, string Message)
{
    public static HttpRejection BadRequest(string message) => new(StatusCodes.Status400BadRequest, "INVALID_REQUEST", message);
}
