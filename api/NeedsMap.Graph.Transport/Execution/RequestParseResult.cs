using GraphQL.Transport;

namespace NeedsMap.Graph.Transport.Execution;

/// <summary>Either a request or the reason it could not be read.</summary>
internal readonly record struct RequestParseResult(GraphQLRequest? Request, string? Error)
{
    public static RequestParseResult Success(GraphQLRequest request) => new(request, null);

    public static RequestParseResult Fail(string error) => new(null, error);
}
