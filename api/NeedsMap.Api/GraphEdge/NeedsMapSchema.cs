using GraphQL.Types;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.GraphEdge;

public sealed class NeedsMapSchema : Schema
{
    public NeedsMapSchema(IServiceProvider services, IEnumerable<IQueryFields> queries,
        IEnumerable<IMutationFields> mutations, IEnumerable<ISubscriptionFields> subscriptions) : base(services)
    {
        Description = "NeedsMap.Graph: a city's needs on one map (问需于民一张图).";
        Query = Root("Query", queries.Select(q => (Action<ObjectGraphType>)q.AddTo));
        Mutation = Root("Mutation", mutations.Select(m => (Action<ObjectGraphType>)m.AddTo));
        Subscription = Root("Subscription", subscriptions.Select(s => (Action<ObjectGraphType>)s.AddTo));
        RegisterVisitor(new Graph.Descriptions.SchemaDescriptions());
    }

    private static ObjectGraphType Root(string name, IEnumerable<Action<ObjectGraphType>> contributions)
    {
        var root = new ObjectGraphType { Name = name };
        foreach (var contribute in contributions)
        {
            contribute(root);
        }
        return root;
    }
}
