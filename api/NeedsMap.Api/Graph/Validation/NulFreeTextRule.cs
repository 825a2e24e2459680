using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace NeedsMap.Api.Graph.Validation;

/// <summary>
/// Refuses, before anything runs, a string argument or input field holding U+0000, written in the document or passed
/// as a variable, at any depth: PostgreSQL's text cannot store it and Npgsql refuses to send it, so without this one
/// check every resolver that filters, stores or looks up by text would have to refuse it itself.
/// Channels' records do not come through GraphQL; ingestion checks them where a record is prepared.
/// </summary>
public sealed class NulFreeTextRule : ValidationRuleBase
{
    public static readonly NulFreeTextRule Instance = new();

    private static readonly INodeVisitor Literals = new MatchingNodeVisitor<GraphQLStringValue>((value, context) =>
    {
        if (value.Value.Span.Contains('\0'))
        {
            Report(context, value);
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Literals);

    public override ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => new(Variables.Instance);

    private static void Report(ValidationContext context, ASTNode? node) =>
        context.ReportError(new ValidationError(context.Document.Source, ErrorCodes.InvalidInput,
            "A text value holds the NUL character (U+0000), which cannot be stored; remove it.", node is null ? [] : [node])
        {
            Code = ErrorCodes.InvalidInput,
        });

    private sealed class Variables : BaseVariableVisitor
    {
        public static readonly Variables Instance = new();

        public override ValueTask VisitScalarAsync(ValidationContext context, GraphQLVariableDefinition variable, VariableName variableName,
            ScalarGraphType type, object? variableValue, object? parsedValue)
        {
            if (parsedValue is string text && text.Contains('\0', StringComparison.Ordinal))
            {
                Report(context, variable);
            }
            return default;
        }
    }
}
