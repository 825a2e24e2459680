using GraphQL;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Cases.Graph;

/// <summary>A case by its global id; found, like <c>case(id)</c>, only when one of its needs is visible to the caller.</summary>
internal sealed class CaseNode : INodeType
{
    public string TypeName => CaseReader.TypeName;

    public string Door => "case";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) =>
        NodeTypes.Number(key) is { } id ? await context.Service<CaseReader>().FindAsync(id, context.CancellationToken) : null;
}
