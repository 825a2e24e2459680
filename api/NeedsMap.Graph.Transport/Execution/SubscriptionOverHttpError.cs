using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace NeedsMap.Graph.Transport.Execution;

/// <summary>A subscription sent over plain HTTP; it needs the graphql-transport-ws WebSocket on the same path.</summary>
internal sealed class SubscriptionOverHttpError : ValidationError
{
    public SubscriptionOverHttpError(ROM source, GraphQLOperationDefinition operation)
        : base(source, "HTTP_SUBSCRIPTION", "Subscriptions need a WebSocket with the graphql-transport-ws subprotocol.", operation)
    {
        Code = "SUBSCRIPTION_OVER_HTTP";
    }
}
