using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

public sealed class TestQueryGraphType : ObjectGraphType
{
    public TestQueryGraphType()
    {
        Name = "Query";
        Field<StringGraphType>("hello")
            .Argument<StringGraphType>("name", a => a.DefaultValue = "world")
            .Resolve(context => $"Hello, {context.GetArgument<string>("name")}!");
        Field<StringGraphType>("boom")
            .Resolve(_ => throw new InvalidOperationException("This field always fails."));
        Field<StringGraphType>("userContextValue")
            .Description("What the user-context builder or the execution hook put under 'who'.")
            .Resolve(context => context.UserContext.TryGetValue("who", out var who) ? who?.ToString() : null);
        Field<StringGraphType>("scopeId")
            .Description("The id of the scoped service from ExecutionOptions.RequestServices, to prove it was set.")
            .Resolve(context => context.RequestServices!.GetRequiredService<ScopedMarker>().Id.ToString());
    }
}
