using GraphQL.Validation;
using GraphQLParser.AST;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// Refuses, before execution, an operation whose root fields the caller's role may not use (AUTH_REQUIRED for
/// anonymous callers, FORBIDDEN otherwise), or that nests deeper than the role's depth. Which data an allowed
/// field returns is decided below the resolvers, by <see cref="AccessScope"/>.
/// </summary>
public sealed class RoleRightsRule(Caller caller) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        var type = operation.Operation switch
        {
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            _ => "query",
        };
        var right = caller.Right;
        var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        foreach (var field in Fields(operation.SelectionSet, fragments, 0))
        {
            var name = field.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }
            var group = RoleRights.GroupOf(type, name);
            if (!right.Groups.HasFlag(group))
            {
                var code = caller.Authenticated ? ErrorCodes.Forbidden : ErrorCodes.AuthRequired;
                context.ReportError(new ValidationError(context.Document.Source, code,
                    caller.Authenticated ? $"The role {right.Role} may not use {type} field '{name}'." : $"The {type} field '{name}' needs a bearer token.", field)
                {
                    Code = code,
                });
            }
            var depth = 1 + Depth(field.SelectionSet, fragments, 1);
            if (depth > right.MaxDepth)
            {
                context.ReportError(new ValidationError(context.Document.Source, ErrorCodes.TooDeep,
                    $"The role {right.Role} may nest at most {right.MaxDepth} levels; '{name}' nests {depth}.", field)
                {
                    Code = ErrorCodes.TooDeep,
                });
            }
        }
        return default;
    }

    private static IEnumerable<GraphQLField> Fields(GraphQLSelectionSet? set, Dictionary<string, GraphQLFragmentDefinition> fragments, int hops)
    {
        if (set is null || hops > 10)
        {
            yield break;
        }
        foreach (var selection in set.Selections)
        {
            var inner = selection switch
            {
                GraphQLField f => [f],
                GraphQLInlineFragment i => Fields(i.SelectionSet, fragments, hops + 1),
                GraphQLFragmentSpread s when fragments.TryGetValue(s.FragmentName.Name.StringValue, out var d) => Fields(d.SelectionSet, fragments, hops + 1),
                _ => [],
            };
            foreach (var field in inner)
            {
                yield return field;
            }
        }
    }

    // Capped, so a fragment cycle (refused by the core rules anyway) cannot loop here.
    private static int Depth(GraphQLSelectionSet? set, Dictionary<string, GraphQLFragmentDefinition> fragments, int level)
    {
        if (set is null || level > 64)
        {
            return 0;
        }
        var deepest = 0;
        foreach (var field in Fields(set, fragments, 0))
        {
            deepest = Math.Max(deepest, 1 + Depth(field.SelectionSet, fragments, level + 1));
        }
        return deepest;
    }
}
