using GraphQL;
using GraphQL.Execution;
using NeedsMap.Api.Failures;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.GraphEdge;

/// <summary>
/// The last word on what a client reads in <c>errors</c>. GraphQL.NET wraps an exception thrown while coercing a variable
/// (a bad GeoJSON value, say) in its own error with a generic code; clients should see the domain code, so it is lifted
/// back out. Failures that are not the client's (the database out of reach, a statement out of time, a bug) become
/// documented codes (<see cref="FailureErrors"/>); an internal fault is logged and shown without its exception.
/// </summary>
public static class ErrorCodeNormalizer
{
    /// <summary>The log category of internal faults met while executing (a resolver that threw, say), with field and operation.</summary>
    public const string LogCategory = "NeedsMap.Api.Graph.Resolvers";

    /// <summary>Codes of a client's input that was wrong, whichever resolver found it.</summary>
    private static readonly HashSet<string> InputCodes =
    [
        ErrorCodes.InvalidGeometry, ErrorCodes.InvalidCursor, ErrorCodes.InvalidId, ErrorCodes.PageTooLarge, ErrorCodes.InvalidPaging,
        ErrorCodes.InvalidFilter, ErrorCodes.UnknownJurisdiction, ErrorCodes.UnknownCategory, ErrorCodes.UnknownChannel,
        ErrorCodes.UnknownDepartment, ErrorCodes.InvalidInput, ErrorCodes.UnsupportedCellFilter,
    ];

    public static void Normalize(ExecutionResult result, ILogger? logger = null, string? operation = null)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return;
        }
        var normalized = new ExecutionErrors();
        foreach (var error in errors)
        {
            normalized.Add(!result.Executed && error is DomainError refusal ? new InputRefusedError(refusal) : Normalize(error, logger, operation ?? result.Operation?.Name?.StringValue));
        }
        result.Errors = normalized;
        if (result.Executed && NothingButInputErrors(result))
        {
            // Every root field failed on the client's input before it ran: answer as a request error (400 with
            // application/graphql-response+json), as if the input had been refused while it was coerced.
            result.Executed = false;
            result.Data = null;
            var refused = new ExecutionErrors();
            foreach (var error in normalized)
            {
                refused.Add(error is DomainError domain ? new InputRefusedError(domain) : error);
            }
            result.Errors = refused;
        }
    }

    private static ExecutionError Normalize(ExecutionError error, ILogger? logger, string? operation)
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is DomainException domain)
            {
                if (error is DocumentError && !error.Message.Contains(domain.Message, StringComparison.Ordinal))
                {
                    return new InputRefusedError(error, domain);
                }
                error.Code = domain.Code;
                return error;
            }
        }
        if (FailureErrors.Replace(error) is not { } replacement)
        {
            return error;
        }
        if (replacement.Code == ErrorCodes.InternalError)
        {
            logger?.LogError(error.InnerException, "A resolver failed at {Path} of {Operation}: {Code} {Message}",
                error.Path is null ? "(outside a field)" : string.Join('.', error.Path), operation ?? "an unnamed operation", error.Code, error.Message);
        }
        replacement.Path = error.Path;
        foreach (var location in error.Locations ?? [])
        {
            replacement.AddLocation(location);
        }
        return replacement;
    }

    private static bool NothingButInputErrors(ExecutionResult result) =>
        result.Errors!.All(e => e.Code is { } code && InputCodes.Contains(code))
        && (result.Data is null || (result.Data is ObjectExecutionNode root && (root.SubFields ?? []).All(f => f?.ToValue() is null)));
}
