using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace NeedsMap.Graph.Transport.Execution;

/// <summary>A mutation sent with GET; the HTTP layer answers it with 405 and <c>Allow: POST</c>.</summary>
internal sealed class MutationOverGetError : ValidationError
{
    public MutationOverGetError(ROM source, GraphQLOperationDefinition operation)
        : base(source, "HTTP_METHOD", "Mutations must be sent with POST, not GET.", operation)
    {
        Code = "HTTP_METHOD_NOT_ALLOWED";
    }
}
