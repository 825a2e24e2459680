using GraphQL;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Needs.Graph;

/// <summary>A need by its global id, through the same scoped reader as <c>need(id)</c>.</summary>
internal sealed class NeedNode : INodeType
{
    public string TypeName => NeedGraphType.TypeName;

    public string Door => "need";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) =>
        NodeTypes.Number(key) is { } id ? await context.Service<NeedReader>().FindAsync(id, context.CancellationToken) : null;
}
