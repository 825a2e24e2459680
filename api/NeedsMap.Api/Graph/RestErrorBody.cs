namespace NeedsMap.Api.Graph;

/// <summary>
/// The error body of the REST routes (exports, tiles' guards, the security middleware's 401/403/429): the same shape as a
/// GraphQL error, so a client reads <c>errors[0].extensions.code</c> wherever it asked.
/// </summary>
public sealed record RestErrorBody(IReadOnlyList<RestError> Errors)
{
    public static RestErrorBody Of(string code, string message) => new([new RestError(message, new RestErrorExtensions(code))]);

    /// <summary>The HTTP status a domain error answers with on a REST route.</summary>
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.AuthRequired or ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IResult Result(DomainException error) =>
        Results.Json(Of(error.Code ?? ErrorCodes.InvalidInput, error.Message), statusCode: StatusOf(error.Code ?? ErrorCodes.InvalidInput));
}

public sealed record RestError(string Message, RestErrorExtensions Extensions);

public sealed record RestErrorExtensions(string Code);
