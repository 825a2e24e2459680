using GraphQL;
using GraphQL.Execution;
using GraphQLParser.Exceptions;

namespace NeedsMap.Api.Failures;

/// <summary>
/// The errors a client sees for failures that are not its domain mistakes: every one with a documented code, none
/// carrying an exception's type name (POSTGRES, NPGSQL, INVALID_OPERATION, MAX_DEPTH_EXCEEDED) or its message.
/// </summary>
public static class FailureErrors
{
    public static StatusError Unavailable() => new(ErrorCodes.ServiceUnavailable,
        "The database is out of reach; try again after Retry-After seconds.", StatusCodes.Status503ServiceUnavailable, DatabaseFailure.RetryAfter);

    public static StatusError Timeout(string why) => new(ErrorCodes.QueryTimeout,
        why + " It was cancelled; ask for less (a smaller page, a narrower filter, fewer fields).", StatusCodes.Status504GatewayTimeout);

    public const string StatementTimedOut = "A database statement ran past the statement timeout.";

    public static ExecutionError Internal() => new(
        "An internal error occurred; it has been logged. 服务器内部错误，已记录。")
    {
        Code = ErrorCodes.InternalError,
    };

    /// <summary>What a failed GraphQL error becomes, or null when it is already what the client should see.</summary>
    public static ExecutionError? Replace(ExecutionError error)
    {
        var inner = error.InnerException;
        if (inner is null || error is DocumentError)
        {
            return null; // a document error is the client's, under GraphQL.NET's own documented code
        }
        if (DatabaseFailure.IsUnavailable(inner))
        {
            return Unavailable();
        }
        if (DatabaseFailure.IsTimeout(inner) || inner is OperationCanceledException)
        {
            return Timeout(StatementTimedOut);
        }
        if (inner is GraphQLMaxDepthExceededException)
        {
            return new DocumentTooDeepError();
        }
        // A code GraphQL.NET made from an exception's type name is an internal fault, not a client's mistake.
        return error is UnhandledError || error.Code == ErrorInfoProvider.GetErrorCode(inner) ? Internal() : null;
    }
}

/// <summary>
/// The parser gave up on a document nesting deeper than it allows (a literal filter 40 levels deep, say): the client's
/// document, refused before execution like any other invalid document (400).
/// </summary>
public sealed class DocumentTooDeepError : DocumentError
{
    public DocumentTooDeepError()
        : base("The document nests deeper than the parser allows (128 levels of values and selections); filters nest at most "
            + Filtering.NeedFilterSql.MaxDepth + " levels.")
    {
        Code = ErrorCodes.InvalidInput;
    }
}
