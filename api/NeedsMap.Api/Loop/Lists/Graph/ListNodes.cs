using GraphQL;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Loop.Lists.Graph;

/// <summary>A reform item by its global id, to whoever may read the reform list.</summary>
internal sealed class ReformItemNode : INodeType
{
    public string TypeName => ReformList.TypeName;

    public string Door => "reformList";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) => NodeTypes.Number(key) is { } id
        ? await context.Service<NeedsMapDbContext>().Set<ReformItem>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, context.CancellationToken)
        : null;
}

/// <summary>A one-thing bundle by its global id, to whoever may read the bundles.</summary>
internal sealed class OneThingNode : INodeType
{
    public string TypeName => OneThingGraphType.TypeName;

    public string Door => "oneThings";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) => NodeTypes.Number(key) is { } id
        ? await context.Service<NeedsMapDbContext>().Set<OneThing>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, context.CancellationToken)
        : null;
}
