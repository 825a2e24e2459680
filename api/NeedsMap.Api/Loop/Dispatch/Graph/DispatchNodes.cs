using GraphQL;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Loop.Dispatch.Graph;

/// <summary>A whistle by its global id, through <see cref="WhistleScope"/> like <c>whistle(id)</c>: department staff find their department's only.</summary>
internal sealed class WhistleNode : INodeType
{
    public string TypeName => WhistleReader.TypeName;

    public string Door => "whistle";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) => NodeTypes.Number(key) is { } id
        ? await context.Service<WhistleReader>().FindAsync(id, WhistleScope.Of(context.Service<AccessScope>()), context.CancellationToken)
        : null;
}

/// <summary>A line of the service list by its global id, to whoever may read the list.</summary>
internal sealed class ServiceItemNode : INodeType
{
    public string TypeName => ServiceList.TypeName;

    public string Door => "serviceList";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) =>
        NodeTypes.Number(key) is { } id
            ? await context.Service<NeedsMapDbContext>().Set<ServiceItem>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, context.CancellationToken)
            : null;
}
