using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace NeedsMap.Api.Cost;

/// <summary>
/// What one operation would cost the database, read from the document before anything runs. Fields are collected the way
/// the executor collects them (a fragment spread once per selection set, fields of one response key merged), so the
/// estimate counts what would run: every alias counts, a fragment spread twice does not. Two sizes are measured first,
/// without following anything twice, so a hostile document is refused in linear time: the fields written and the fields
/// once every spread is followed as written.
/// </summary>
public sealed class DocumentCost
{
    private const int MaxLevels = 32;

    private readonly ISchema _schema;
    private readonly GraphQLDocument _document;
    private readonly IReadOnlyDictionary<string, object?>? _variables;
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);

    public DocumentCost(ISchema schema, GraphQLDocument document, IReadOnlyDictionary<string, object?>? variables)
    {
        _schema = schema;
        _document = document;
        _variables = variables;
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
    }

    /// <summary>Field nodes written anywhere in the document.</summary>
    public int FieldNodes { get; private set; }

    /// <summary>Fields of the operation once every fragment spread is followed as written (saturating).</summary>
    public long ExpandedFields { get; private set; }

    public int Units { get; private set; }

    /// <summary>Fields costing <see cref="FieldCosts.Expensive"/> or more, each alias counted.</summary>
    public int ExpensiveFields { get; private set; }

    /// <summary>The costliest fields, for the message that refuses the request.</summary>
    public Dictionary<string, int> ExpensiveByField { get; } = new(StringComparer.Ordinal);

    public bool Maintenance { get; private set; }

    /// <summary>The response key asked for most often in one selection set, and how often.</summary>
    public (string Key, int Count) MostRepeated { get; private set; } = ("", 0);

    /// <summary>Measures the sizes; false (and nothing else measured) when they are over the limits.</summary>
    public bool MeasureSize(GraphQLOperationDefinition operation)
    {
        FieldNodes = CountFieldNodes();
        if (FieldNodes > CostLimits.MaxFieldNodes)
        {
            return false;
        }
        ExpandedFields = Expanded(operation.SelectionSet, new Dictionary<string, long>(StringComparer.Ordinal), []);
        return ExpandedFields <= CostLimits.MaxExpandedFields;
    }

    /// <summary>Adds up the operation's units; call after <see cref="MeasureSize"/> returned true.</summary>
    public void Estimate(GraphQLOperationDefinition operation)
    {
        var root = operation.Operation switch
        {
            OperationType.Mutation => _schema.Mutation,
            OperationType.Subscription => _schema.Subscription,
            _ => _schema.Query,
        };
        if (root is not null)
        {
            Walk([(root, operation.SelectionSet)], 1, 0);
        }
    }

    private int CountFieldNodes()
    {
        var count = 0;
        foreach (var definition in _document.Definitions)
        {
            var set = definition switch
            {
                GraphQLOperationDefinition o => o.SelectionSet,
                GraphQLFragmentDefinition f => f.SelectionSet,
                _ => null,
            };
            count += CountIn(set, 0);
        }
        return count;
    }

    private static int CountIn(GraphQLSelectionSet? set, int level)
    {
        if (set is null || level > 256)
        {
            return 0;
        }
        var count = 0;
        foreach (var selection in set.Selections)
        {
            count += selection switch
            {
                GraphQLField f => 1 + CountIn(f.SelectionSet, level + 1),
                GraphQLInlineFragment i => CountIn(i.SelectionSet, level + 1),
                _ => 0,
            };
        }
        return count;
    }

    private long Expanded(GraphQLSelectionSet? set, Dictionary<string, long> memo, HashSet<string> active)
    {
        if (set is null)
        {
            return 0;
        }
        long total = 0;
        foreach (var selection in set.Selections)
        {
            var size = selection switch
            {
                GraphQLField f => 1 + Expanded(f.SelectionSet, memo, active),
                GraphQLInlineFragment i => Expanded(i.SelectionSet, memo, active),
                GraphQLFragmentSpread s => Spread(s.FragmentName.Name.StringValue, memo, active),
                _ => 0,
            };
            total = total > long.MaxValue - size ? long.MaxValue : total + size;
        }
        return total;
    }

    private long Spread(string name, Dictionary<string, long> memo, HashSet<string> active)
    {
        if (memo.TryGetValue(name, out var known))
        {
            return known;
        }
        // A cycle (refused by NoFragmentCycles) or an unknown fragment (KnownFragmentNames) counts nothing here.
        if (!_fragments.TryGetValue(name, out var fragment) || !active.Add(name))
        {
            return 0;
        }
        var size = Expanded(fragment.SelectionSet, memo, active);
        active.Remove(name);
        memo[name] = size;
        return size;
    }

    /// <summary>One level: the fields of every selection set given, collected and merged as the executor would.</summary>
    private void Walk(List<(IComplexGraphType Parent, GraphQLSelectionSet Set)> sets, long items, int level)
    {
        if (level > MaxLevels)
        {
            return;
        }
        var merged = new Dictionary<(string Type, string Key), (IComplexGraphType Parent, List<GraphQLField> Nodes)>();
        foreach (var (parent, set) in sets)
        {
            Collect(parent, set, merged, new HashSet<string>(StringComparer.Ordinal));
        }
        foreach (var ((typeName, _), (parent, nodes)) in merged)
        {
            if (nodes.Count > MostRepeated.Count)
            {
                MostRepeated = ((nodes[0].Alias?.Name ?? nodes[0].Name).StringValue, nodes.Count);
            }
            if (nodes.Count > CostLimits.MaxSameKey)
            {
                return; // refused by the rule; walking further would only cost time
            }
            var name = nodes[0].Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal) || parent.GetField(name) is not { } definition)
            {
                continue;
            }
            var units = nodes.Max(node => FieldCosts.Of(typeName, name, argument => Argument(node, argument)));
            if (FieldCosts.IsPerItem(typeName, name))
            {
                units = (int)Math.Min(int.MaxValue / 4, units * items);
            }
            Add(typeName + "." + name, units);
            Maintenance |= FieldCosts.IsMaintenance(typeName, name);
            if (Unwrap(definition.ResolvedType) is IComplexGraphType child)
            {
                var size = FieldCosts.PageSize(Argument(nodes[0], "first") ?? Argument(nodes[0], "last"));
                var childItems = Math.Min(1_000_000, items * (size ?? (IsList(definition.ResolvedType) ? 50 : 1)));
                var childSets = nodes.Where(n => n.SelectionSet is not null).Select(n => (child, n.SelectionSet!)).ToList();
                Walk(childSets, childItems, level + 1);
            }
        }
    }

    private void Add(string field, int units)
    {
        Units = (int)Math.Min(int.MaxValue / 2, (long)Units + units);
        if (units >= FieldCosts.Expensive)
        {
            ExpensiveFields++;
            ExpensiveByField[field] = ExpensiveByField.GetValueOrDefault(field) + 1;
        }
    }

    private void Collect(IComplexGraphType parent, GraphQLSelectionSet set,
        Dictionary<(string, string), (IComplexGraphType, List<GraphQLField>)> merged, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    var key = (parent.Name, (field.Alias?.Name ?? field.Name).StringValue);
                    if (!merged.TryGetValue(key, out var entry))
                    {
                        merged[key] = entry = (parent, []);
                    }
                    entry.Item2.Add(field);
                    break;
                case GraphQLInlineFragment inline:
                    Collect(TypeOf(inline.TypeCondition) ?? parent, inline.SelectionSet, merged, visited);
                    break;
                case GraphQLFragmentSpread spread when visited.Add(spread.FragmentName.Name.StringValue)
                    && _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                    Collect(TypeOf(fragment.TypeCondition) ?? parent, fragment.SelectionSet, merged, visited);
                    break;
            }
        }
    }

    private IComplexGraphType? TypeOf(GraphQLTypeCondition? condition) =>
        condition is null ? null : _schema.AllTypes[condition.Type.Name.StringValue] as IComplexGraphType;

    private static IGraphType? Unwrap(IGraphType? type) => type switch
    {
        NonNullGraphType n => Unwrap(n.ResolvedType),
        ListGraphType l => Unwrap(l.ResolvedType),
        _ => type,
    };

    private static bool IsList(IGraphType? type) => type switch
    {
        NonNullGraphType n => IsList(n.ResolvedType),
        ListGraphType => true,
        _ => false,
    };

    private object? Argument(GraphQLField field, string name)
    {
        if (field.Arguments is null)
        {
            return null;
        }
        foreach (var argument in field.Arguments)
        {
            if (argument.Name.StringValue == name)
            {
                return Value(argument.Value, 0);
            }
        }
        return null;
    }

    /// <summary>A literal (or the variable it names) as plain objects, the shapes <see cref="FieldCosts"/> reads.</summary>
    private object? Value(GraphQLValue value, int depth) => depth > 64 ? null : value switch
    {
        GraphQLVariable v => _variables is not null && _variables.TryGetValue(v.Name.StringValue, out var given) ? given : null,
        GraphQLIntValue i => long.TryParse(i.Value.Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : double.MaxValue,
        GraphQLFloatValue f => double.TryParse(f.Value.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.MaxValue,
        GraphQLStringValue s => s.Value.ToString(),
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLEnumValue e => e.Name.StringValue,
        GraphQLListValue list => (list.Values ?? []).Select(item => Value(item, depth + 1)).ToList(),
        GraphQLObjectValue obj => (obj.Fields ?? []).GroupBy(f => f.Name.StringValue)
            .ToDictionary(g => g.Key, g => Value(g.First().Value, depth + 1), StringComparer.Ordinal),
        _ => null,
    };
}
