using GraphQL;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Loop.Scenes.Graph;

/// <summary>A scene by its global id: the scene list is the city's, shown to everyone who may read <c>scenes</c>.</summary>
internal sealed class SceneNode : INodeType
{
    public string TypeName => SceneWriter.TypeName;

    public string Door => "scenes";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) => NodeTypes.Number(key) is { } id
        ? await context.Service<NeedsMapDbContext>().Set<Scene>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, context.CancellationToken)
        : null;
}
