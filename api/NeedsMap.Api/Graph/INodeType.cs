using GraphQL;

namespace NeedsMap.Api.Graph;

/// <summary>
/// One type <c>node(id)</c> refetches. Each feature declares its own next to its graph type; <see cref="NodeTypes"/> finds
/// them in the assembly, so a new node type needs no registration line in a shared file.
/// </summary>
public interface INodeType
{
    /// <summary>The type name inside the global id (and the GraphQL type's name).</summary>
    string TypeName { get; }

    /// <summary>
    /// The root query field this type is otherwise read through. <c>node(id)</c> answers only roles that may use that
    /// field (<see cref="Security.Auth.RoleRights"/>), so it is no wider a door than the field itself.
    /// </summary>
    string Door { get; }

    /// <summary>The object behind the id's key as the caller may see it (scoped and masked like its own field), or null.</summary>
    Task<object?> FindAsync(string key, IResolveFieldContext context);
}

/// <summary>Every <see cref="INodeType"/> of this assembly, by type name.</summary>
public static class NodeTypes
{
    public static readonly IReadOnlyDictionary<string, INodeType> ByName = typeof(INodeType).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(INodeType).IsAssignableFrom(t))
        .Select(t => (INodeType)Activator.CreateInstance(t, nonPublic: true)!)
        .ToDictionary(n => n.TypeName, StringComparer.Ordinal);

    /// <summary>A numeric key, or null for a key no object of ours has (the object is then not found).</summary>
    public static long? Number(string key) => Relay.GlobalId.TryParseKey(key, out var id) ? id : null;
}
