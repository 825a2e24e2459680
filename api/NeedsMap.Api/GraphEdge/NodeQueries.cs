using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.GraphEdge;

/// <summary>
/// Relay's <c>node(id)</c>: refetches any object by its global id (<see cref="NodeTypes"/>). An id the caller may not see
/// is not found (null): a type whose own field the role may not use, or an object outside the caller's scope.
/// </summary>
internal sealed class NodeQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<NodeInterfaceGraphType>("node")
            .Description("Any object by its global id (Relay); null when it does not exist or you may not see it. 按全局编号取回任一对象。")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id as any `id` field returns it.")
            .ResolveAsync(async ctx =>
            {
                var (type, key) = GlobalId.Decode(ctx.GetArgument<string>("id"));
                if (!NodeTypes.ByName.TryGetValue(type, out var node)
                    || !ctx.Service<AccessScope>().Right.Groups.HasFlag(RoleRights.GroupOf("query", node.Door)))
                {
                    return null;
                }
                return await node.FindAsync(key, ctx);
            });
}
