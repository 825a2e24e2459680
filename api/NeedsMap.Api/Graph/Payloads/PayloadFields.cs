using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace NeedsMap.Api.Graph.Payloads;

/// <summary>
/// The one shape of every mutation (the mutation-conventions style): <c>name(input: XInput!): NamePayload!</c> where
/// <c>NamePayload { result: T, errors: [NameError!]! }</c> and <c>NameError</c> is the union of the typed refusals the
/// mutation declares. A <see cref="DomainException"/> whose code is one of those kinds comes back in <c>errors</c> with
/// the result null; anything else (a code of another kind, limits, outages, bugs) still propagates and becomes a GraphQL
/// error as before, and so do refusals made before the resolver runs (validation, role rights, cost). The domain keeps
/// throwing its plain exception: only this file knows that a refusal can be data.
/// </summary>
public static class PayloadFields
{
    /// <summary><c>name(input: TInput!): NamePayload!</c>.</summary>
    public static FieldType Payload<TInputGraphType, TInput, TResultGraphType>(this ObjectGraphType mutation, string name, string description,
        PayloadResult result, ErrorKinds errors, Func<IResolveFieldContext, TInput, Task<object?>> resolve)
        where TInputGraphType : IInputObjectGraphType
        where TResultGraphType : IGraphType
    {
        var field = mutation.Payload<TResultGraphType>(name, description, result, errors, ctx => resolve(ctx, ctx.GetArgument<TInput>("input")));
        // Described by the table entry Mutation.*(input), like every other mutation's input.
        field.Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<TInputGraphType>> { Name = "input" });
        return field;
    }

    /// <summary><c>name: NamePayload!</c>, for a mutation that takes nothing (an input type cannot be empty).</summary>
    public static FieldType Payload<TResultGraphType>(this ObjectGraphType mutation, string name, string description,
        PayloadResult result, ErrorKinds errors, Func<IResolveFieldContext, Task<object?>> resolve)
        where TResultGraphType : IGraphType
    {
        var typeName = char.ToUpperInvariant(name[0]) + name[1..];
        var union = new UnionGraphType { Name = typeName + "Error", Description = $"A refusal {name} can return in its payload's errors." };
        foreach (var kind in Enum.GetValues<ErrorKinds>().Where(k => k != ErrorKinds.None && errors.HasFlag(k)))
        {
            union.Type(GraphTypeOf(kind));
        }
        var payload = new ObjectGraphType { Name = typeName + "Payload", Description = $"What {name} returns: {result.Description}, or why it was refused." };
        payload.Field<TResultGraphType>(result.Field)
            .Description($"{char.ToUpperInvariant(result.Description[0])}{result.Description[1..]}; null when refused (see errors).")
            .Resolve(ctx => ((MutationPayload)ctx.Source!).Result);
        payload.AddField(new FieldType
        {
            Name = "errors",
            Description = "The business refusals (empty when the mutation succeeded).",
            ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(union))),
            Resolver = new FuncFieldResolver<object?>(ctx => ((MutationPayload)ctx.Source!).Errors),
        });
        return mutation.AddField(new FieldType
        {
            Name = name,
            Description = description,
            ResolvedType = new NonNullGraphType(payload),
            Resolver = new FuncFieldResolver<object?>(async ctx => await ResolveAsync(ctx, errors, resolve)),
        });
    }

    private static async Task<object?> ResolveAsync(IResolveFieldContext ctx, ErrorKinds declared, Func<IResolveFieldContext, Task<object?>> resolve)
    {
        try
        {
            return new MutationPayload(await resolve(ctx), []);
        }
        catch (DomainException refusal) when (MutationError.KindOf(refusal.Code) is var kind && kind != ErrorKinds.None && declared.HasFlag(kind))
        {
            return new MutationPayload(null, [new MutationError(kind, refusal.Code, refusal.Message)]);
        }
    }

    private static Type GraphTypeOf(ErrorKinds kind) => kind switch
    {
        ErrorKinds.NotFound => typeof(NotFoundErrorGraphType),
        ErrorKinds.Validation => typeof(ValidationErrorGraphType),
        ErrorKinds.InvalidState => typeof(InvalidStateErrorGraphType),
        ErrorKinds.Conflict => typeof(ConflictErrorGraphType),
        ErrorKinds.OutOfScope => typeof(OutOfScopeErrorGraphType),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not one error kind."),
    };
}

/// <summary>The payload's field for the changed object(s): its name (need, whistle, serviceAreas…) and what it holds.</summary>
public sealed record PayloadResult(string Field, string Description);
