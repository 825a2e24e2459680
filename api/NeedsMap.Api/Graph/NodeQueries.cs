using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Graph;

/// <summary>Relay's <c>node(id)</c>: refetches any object by its global id; an id the caller may not see is not found.</summary>
internal sealed class NodeQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query) =>
        query.Field<NodeInterfaceGraphType>("node")
            .Description("Any object by its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var (type, key) = GlobalId.Decode(ctx.GetArgument<string>("id"));
                return type switch
                {
                    NeedGraphType.TypeName when GlobalId.TryParseKey(key, out var id) =>
                        await ctx.Service<NeedReader>().FindAsync(id, ctx.CancellationToken),
                    JurisdictionGraphType.TypeName => ctx.Service<ReferenceData>().Current.FindJurisdiction(key),
                    _ => null,
                };
            });
}
