using GraphQL.Validation;
using GraphQLParser.AST;

namespace NeedsMap.Api.Cost;

/// <summary>
/// Refuses, before anything runs, an operation that would cost the database more than the caller's role may spend on one
/// request, or that asks for more expensive fields (aliases included) than the role may (<c>QUERY_TOO_EXPENSIVE</c>, 400).
/// It works while the rules are set up, before any rule walks the document, and stops validation when it refuses:
/// GraphQL.NET's own rules are quadratic in repeated fields, and its complexity analyser follows every fragment spread, so a
/// hostile document must not reach them. A field the role may not use is refused by <c>RoleRightsRule</c> first. A request that runs a
/// maintenance field gets the maintenance deadline; a subscription, once set up, is not held to a request's deadline.
/// </summary>
public sealed class DatabaseCostRule(CostLimit limit, RequestBudget budget, CostSettings settings) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        var cost = new DocumentCost(context.Schema, context.Document, context.Variables);
        if (!cost.MeasureSize(operation))
        {
            Refuse(context, cost.FieldNodes > CostLimits.MaxFieldNodes
                ? $"The document has {cost.FieldNodes} fields; at most {CostLimits.MaxFieldNodes} are allowed."
                : $"The document's fragments expand to {(cost.ExpandedFields == long.MaxValue ? "too many" : cost.ExpandedFields.ToString(System.Globalization.CultureInfo.InvariantCulture))} fields; "
                    + $"at most {CostLimits.MaxExpandedFields} are allowed.");
        }
        cost.Estimate(operation);
        if (cost.MostRepeated.Count > CostLimits.MaxSameKey)
        {
            Refuse(context, $"'{cost.MostRepeated.Key}' is asked for {cost.MostRepeated.Count} times in one selection set; at most {CostLimits.MaxSameKey}.");
        }
        if (context.HasErrors)
        {
            return default; // refused already (a field the role may not use): that answer stands, the document is small enough
        }
        if (settings.Enabled && cost.ExpensiveFields > limit.ExpensiveFields)
        {
            Refuse(context, $"The query asks for {cost.ExpensiveFields} expensive fields ({Top(cost)}); the role {limit.Role} may ask for "
                + $"{limit.ExpensiveFields} in one request. Aggregates and filtered reads cost the database most: ask for fewer aliases.");
        }
        if (settings.Enabled && cost.Units > limit.RequestCost)
        {
            Refuse(context, $"The query would cost the database about {cost.Units} units ({Top(cost)}); the role {limit.Role} may spend "
                + $"{limit.RequestCost} on one request. Ask for smaller pages, simpler filters or fewer fields.");
        }
        if (operation.Operation == OperationType.Subscription)
        {
            budget.Extend(Timeout.InfiniteTimeSpan);
        }
        else if (cost.Maintenance)
        {
            budget.Extend(settings.MaintenanceTime);
        }
        return default;
    }

    private static string Top(DocumentCost cost) => cost.ExpensiveByField.Count == 0 ? "none of them expensive"
        : string.Join(", ", cost.ExpensiveByField.OrderByDescending(p => p.Value).Take(3).Select(p => $"{p.Key} ×{p.Value}"));

    // Thrown rather than reported: a thrown ValidationError ends validation, so no other rule walks the document.
    private static void Refuse(ValidationContext context, string message) =>
        throw new ValidationError(context.Document.Source, ErrorCodes.QueryTooExpensive, message, context.Operation)
        {
            Code = ErrorCodes.QueryTooExpensive,
        };
}
