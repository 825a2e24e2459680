using GraphQL.Types;

namespace NeedsMap.Api.Graph;

/// <summary>A feature's contribution to the root Query type; each feature folder registers one.</summary>
public interface IQueryFields
{
    void AddTo(ObjectGraphType query);
}

/// <summary>A feature's contribution to the root Mutation type.</summary>
public interface IMutationFields
{
    void AddTo(ObjectGraphType mutation);
}

/// <summary>A feature's contribution to the root Subscription type.</summary>
public interface ISubscriptionFields
{
    void AddTo(ObjectGraphType subscription);
}
