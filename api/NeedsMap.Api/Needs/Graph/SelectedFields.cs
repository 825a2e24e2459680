using GraphQL;
using GraphQLParser.AST;

namespace NeedsMap.Api.Needs.Graph;

/// <summary>What the document asks of the field being resolved, so a reader can skip work nobody will see.</summary>
internal static class SelectedFields
{
    /// <summary>
    /// Whether the selection under the current field reaches <paramref name="path"/> (field names, one per level), through
    /// inline fragments and named ones alike. Errs towards true: a fragment it cannot find counts as selecting everything.
    /// </summary>
    public static bool Selects(IResolveFieldContext context, params string[] path)
    {
        var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .ToDictionary(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal);
        return Reaches(context.FieldAst.SelectionSet, path, 0, fragments, 0);
    }

    private static bool Reaches(GraphQLSelectionSet? set, string[] path, int level, Dictionary<string, GraphQLFragmentDefinition> fragments, int hops)
    {
        if (level == path.Length)
        {
            return true;
        }
        if (set is null)
        {
            return false;
        }
        if (hops > 16)
        {
            return true;
        }
        foreach (var selection in set.Selections)
        {
            var reaches = selection switch
            {
                GraphQLField f => f.Name.StringValue == path[level] && Reaches(f.SelectionSet, path, level + 1, fragments, hops),
                GraphQLInlineFragment i => Reaches(i.SelectionSet, path, level, fragments, hops + 1),
                GraphQLFragmentSpread s => !fragments.TryGetValue(s.FragmentName.Name.StringValue, out var d)
                    || Reaches(d.SelectionSet, path, level, fragments, hops + 1),
                _ => true,
            };
            if (reaches)
            {
                return true;
            }
        }
        return false;
    }
}
