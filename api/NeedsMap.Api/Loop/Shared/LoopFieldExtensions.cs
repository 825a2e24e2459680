using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph.Payloads;

namespace NeedsMap.Api.Loop.Shared;

/// <summary>The one shape every loop mutation has: <c>name(input: XInput!): NamePayload!</c> (see <see cref="PayloadFields"/>).</summary>
internal static class LoopFieldExtensions
{
    /// <summary>
    /// What a loop mutation can be refused for: a record not found or out of the caller's reach, a wrong value, a state that
    /// does not allow it, and a concurrent change (<see cref="LoopCommit"/>) or a second vote.
    /// </summary>
    public const ErrorKinds Refusals = ErrorKinds.NotFound | ErrorKinds.Validation | ErrorKinds.InvalidState | ErrorKinds.Conflict
        | ErrorKinds.OutOfScope;

    public static void Mutation<TInputGraphType, TResultGraphType, TInput>(this ObjectGraphType mutation, string name, string description,
        PayloadResult result, Func<IResolveFieldContext, TInput, Task<object?>> resolve)
        where TInputGraphType : IInputObjectGraphType
        where TResultGraphType : IGraphType =>
        mutation.Payload<TInputGraphType, TInput, TResultGraphType>(name, description, result, Refusals, resolve);
}
