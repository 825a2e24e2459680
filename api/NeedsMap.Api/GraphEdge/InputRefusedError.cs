using GraphQL;
using GraphQL.Execution;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.GraphEdge;

/// <summary>
/// A domain refusal raised while the request's input was coerced (a variable's filter, say): GraphQL.NET passes it on
/// unwrapped, so it is made a document error again, refused before execution like every invalid input (400).
/// </summary>
public sealed class InputRefusedError : DocumentError
{
    public InputRefusedError(DomainError refusal) : this(refusal.Message, refusal.Code, refusal)
    {
    }

    /// <summary>
    /// GraphQL.NET's own error for a variable it could not coerce ("Unable to convert '(object)' to 'Geometry'"), with the
    /// domain's reason and code added: a client sending a drawn shape as a variable learns what is wrong with it, as it
    /// would from the same shape written in the query.
    /// </summary>
    public InputRefusedError(ExecutionError coercion, DomainException reason)
        : this($"{coercion.Message.TrimEnd('.')}: {reason.Message}", reason.Code, coercion)
    {
    }

    private InputRefusedError(string message, string? code, ExecutionError original) : base(message, original)
    {
        Code = code;
        Path = original.Path;
        foreach (var location in original.Locations ?? [])
        {
            AddLocation(location);
        }
    }
}
