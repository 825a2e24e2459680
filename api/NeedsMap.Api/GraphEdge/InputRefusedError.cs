using GraphQL.Execution;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.GraphEdge;

/// <summary>
/// A domain refusal raised while the request's input was coerced (a variable's filter, say): GraphQL.NET passes it on
/// unwrapped, so it is made a document error again, refused before execution like every invalid input (400).
/// </summary>
public sealed class InputRefusedError : DocumentError
{
    public InputRefusedError(DomainError refusal) : base(refusal.Message, refusal)
    {
        Code = refusal.Code;
        Path = refusal.Path;
        foreach (var location in refusal.Locations ?? [])
        {
            AddLocation(location);
        }
    }
}
