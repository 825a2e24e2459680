using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using NeedsMap.Graph.Transport.Execution;

namespace NeedsMap.Graph.Transport.Caching;

/// <summary>
/// Which operations may be cached, and on what: a query whose root fields (through fragments) are all declared with
/// <see cref="ResponseCacheFieldExtensions.CacheResponse{TMetadataWriter}"/>, <c>__typename</c> aside. Decided from the
/// document GraphQL.NET parsed for execution, and remembered per document so other operations pay one lookup next time.
/// </summary>
internal sealed class CacheableOperations(ISchema schema, int maxRemembered)
{
    private readonly DocumentMemo<Type[]?> _known = new(maxRemembered);
    private Type[]? _allDependencies;

    /// <summary>Every dependency some root query field declares, read before execution while the operation's own are unknown.</summary>
    public IReadOnlyList<Type> AllDependencies => _allDependencies ??= Dependencies(schema).ToArray();

    public bool IsKnownUncacheable(GraphQLRequest request) => _known.TryGet(request, out var dependencies) && dependencies is null;

    /// <summary>The dependencies of the executed operation; null when it may not be cached.</summary>
    public IReadOnlyList<Type>? DependenciesOf(GraphQLRequest request, GraphQLDocument document, GraphQLOperationDefinition operation) =>
        _known.GetOrAdd(request, () => Analyse(document, operation));

    private static IEnumerable<Type> Dependencies(ISchema schema)
    {
        schema.Initialize();
        return schema.Query.Fields.Select(f => f.ResponseCacheDependency()).OfType<Type>().Distinct();
    }

    private Type[]? Analyse(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        if (operation.Operation != OperationType.Query)
            return null;
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        var dependencies = new HashSet<Type>();
        return Collect(operation.SelectionSet, 0) && dependencies.Count > 0 ? [.. dependencies] : null;

        bool Collect(GraphQLSelectionSet set, int hops)
        {
            if (hops > 16)
                return false;
            foreach (var selection in set.Selections)
            {
                var cacheable = selection switch
                {
                    GraphQLField { Name.StringValue: "__typename" } => true,
                    GraphQLField field => Declared(field.Name.StringValue),
                    GraphQLInlineFragment inline => Collect(inline.SelectionSet, hops + 1),
                    GraphQLFragmentSpread spread => fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                        && Collect(fragment.SelectionSet, hops + 1),
                    _ => false,
                };
                if (!cacheable)
                    return false;
            }
            return true;
        }

        bool Declared(string name)
        {
            if (schema.Query.GetField(name)?.ResponseCacheDependency() is not { } type)
                return false;
            dependencies.Add(type);
            return true;
        }
    }
}
