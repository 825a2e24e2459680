using GraphQL.Validation;
using GraphQLParser.AST;

namespace NeedsMap.Graph.Transport.Execution;

/// <summary>
/// Refuses operation types a transport cannot carry: over HTTP GET only queries (so that a GET never
/// changes state), and over HTTP no subscriptions at all (they need the WebSocket).
/// </summary>
internal sealed class OperationTypeRule : ValidationRuleBase
{
    public static readonly OperationTypeRule ForGet = new(allowMutations: false);
    public static readonly OperationTypeRule ForPost = new(allowMutations: true);

    private readonly bool _allowMutations;

    private OperationTypeRule(bool allowMutations) => _allowMutations = allowMutations;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (operation.Operation == OperationType.Subscription)
            context.ReportError(new SubscriptionOverHttpError(context.Document.Source, operation));
        else if (operation.Operation == OperationType.Mutation && !_allowMutations)
            context.ReportError(new MutationOverGetError(context.Document.Source, operation));
        return default;
    }
}
