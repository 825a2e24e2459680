using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.GraphEdge;

/// <summary>
/// Depth and complexity limits. Introspection fields cost nothing, so the standard introspection query
/// (15 levels deep) always runs; a connection's children cost as many times as the page asks for.
/// Below the global limits each role has its own complexity limit (<see cref="RoleRight.MaxComplexity"/>), so an
/// anonymous caller cannot spend what a city administrator may.
/// </summary>
public static class QueryLimits
{
    public const int MaxDepth = 15;
    public const int MaxComplexity = 50_000;

    public static void Configure(ComplexityOptions options)
    {
        options.MaxDepth = MaxDepth;
        options.MaxComplexity = MaxComplexity;
        options.ValidateComplexityDelegate = RoleLimit;
        var fallback = options.DefaultComplexityImpactDelegate;
        options.DefaultComplexityImpactDelegate = context =>
        {
            if (context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || IsIntrospectionType(context.ParentType.Name))
            {
                return new FieldComplexityResult(0, 1);
            }
            if (context.ParentType.Name.EndsWith("Connection", StringComparison.Ordinal))
            {
                // The connection field already multiplied its children by the page size.
                return new FieldComplexityResult(1, 1);
            }
            var first = context.GetArgument<int?>("first", null);
            var last = context.GetArgument<int?>("last", null);
            if (first is not null || last is not null || context.FieldDefinition.Arguments?.Find("first") is not null)
            {
                // Clamped so an oversized page is refused as PAGE_TOO_LARGE by the resolver, not as COMPLEXITY.
                var size = Math.Clamp(first ?? last ?? PageRequest.DefaultPageSize, 1, PageRequest.MaxPageSize);
                return new FieldComplexityResult(1, size);
            }
            return fallback(context);
        };
    }

    private static Task RoleLimit(ComplexityValidationContext context)
    {
        if (context.ValidationContext.UserContext is NeedsMapUserContext { Caller: { } caller } && context.TotalImpact > caller.Right.MaxComplexity)
        {
            context.Error = new ValidationError(context.ValidationContext.Document.Source, ErrorCodes.QueryTooComplex,
                $"The query's complexity is {context.TotalImpact:0}; the role {caller.Role} may ask for at most {caller.Right.MaxComplexity}. "
                + "Ask for smaller pages, fewer fields or fewer aliases.")
            {
                Code = ErrorCodes.QueryTooComplex,
            };
        }
        return Task.CompletedTask;
    }

    private static bool IsIntrospectionType(string name) => name.StartsWith("__", StringComparison.Ordinal);
}
