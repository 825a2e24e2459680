using GraphQL;
using GraphQL.Types;

namespace NeedsMap.Api.Loop;

/// <summary>The one shape every loop mutation has: <c>name(input: XInput!): X!</c>.</summary>
internal static class LoopFieldExtensions
{
    public static void Mutation<TInputGraphType, TResultGraphType, TInput>(this ObjectGraphType mutation, string name, string description,
        Func<IResolveFieldContext, TInput, Task<object?>> resolve)
        where TInputGraphType : IInputObjectGraphType
        where TResultGraphType : IGraphType =>
        mutation.Field<NonNullGraphType<TResultGraphType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInputGraphType>>("input")
            .ResolveAsync(async ctx => await resolve(ctx, ctx.GetArgument<TInput>("input")));
}
