using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using NeedsMap.Graph.Transport.Execution;

namespace NeedsMap.Graph.Transport.Http;

/// <summary>The HTTP status of an execution result, per the GraphQL-over-HTTP spec.</summary>
internal static class HttpStatusForResult
{
    public static int Get(ExecutionResult result, string mediaType, Func<ExecutionError, int?>? hostMapping)
    {
        // Once execution began the response is a GraphQL response, whatever errors it holds.
        if (result.Executed)
            return StatusCodes.Status200OK;

        var errors = result.Errors ?? [];
        if (errors.Any(e => e is MutationOverGetError))
            return StatusCodes.Status405MethodNotAllowed;

        if (hostMapping != null)
        {
            foreach (var error in errors)
            {
                if (hostMapping(error) is { } status)
                    return status;
            }
        }

        // Parse, validation and variable-coercion errors (DocumentError) and a bad request around the document,
        // such as an unknown documentId (RequestError), are the client's: never a 5xx for them.
        var isRequestError = errors.Count > 0 && errors.All(e => e is DocumentError or RequestError);
        if (!isRequestError)
            return StatusCodes.Status500InternalServerError;
        return mediaType == GraphQLMediaTypes.GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }
}
