using GraphQL.Types;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

/// <summary>The smallest schema that exercises every transport path: a query, a mutation, a subscription.</summary>
public sealed class TransportTestSchema : Schema
{
    public TransportTestSchema(IServiceProvider services, TestQueryGraphType query, TestMutationGraphType mutation, TestSubscriptionGraphType subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }
}
