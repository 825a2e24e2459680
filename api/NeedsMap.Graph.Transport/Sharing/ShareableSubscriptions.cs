using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using NeedsMap.Graph.Transport.Execution;

namespace NeedsMap.Graph.Transport.Sharing;

/// <summary>
/// Whether a request may share a run with identical ones: a subscription operation (read from its text, so queries and
/// mutations always run on their own) that selects no field declared <see cref="PerCallerFieldExtensions.RunsPerCaller{T}"/>.
/// Fields are matched by name in every selection and fragment, which can only refuse more than needed. Remembered per document.
/// </summary>
internal sealed class ShareableSubscriptions(ISchema schema)
{
    private readonly DocumentMemo<bool> _known = new(1000);
    private HashSet<string>? _perCallerNames;

    public bool IsShareable(GraphQLRequest request) =>
        request.Query is { } query && _known.GetOrAdd(request, () => Analyse(query, request.OperationName));

    private bool Analyse(string query, string? operationName)
    {
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query);
        }
        catch (GraphQLSyntaxErrorException)
        {
            return false; // executed on its own, which reports the error
        }
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        if (operation?.Operation != OperationType.Subscription)
            return false;
        var perCaller = PerCallerNames();
        return !document.Definitions.SelectMany(d => d switch
        {
            GraphQLOperationDefinition o => Fields(o.SelectionSet),
            GraphQLFragmentDefinition f => Fields(f.SelectionSet),
            _ => [],
        }).Any(perCaller.Contains);
    }

    private static IEnumerable<string> Fields(GraphQLSelectionSet? selections)
    {
        foreach (var selection in selections?.Selections ?? [])
        {
            var (name, inner) = selection switch
            {
                GraphQLField field => (field.Name.StringValue, field.SelectionSet),
                GraphQLInlineFragment fragment => (null, fragment.SelectionSet),
                _ => ((string?)null, (GraphQLSelectionSet?)null),
            };
            if (name != null)
                yield return name;
            foreach (var nested in Fields(inner))
                yield return nested;
        }
    }

    private HashSet<string> PerCallerNames()
    {
        if (_perCallerNames is { } names)
            return names;
        schema.Initialize();
        names = schema.AllTypes.OfType<IComplexGraphType>().SelectMany(t => t.Fields).Where(f => f.IsPerCaller())
            .Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return _perCallerNames = names;
    }
}
