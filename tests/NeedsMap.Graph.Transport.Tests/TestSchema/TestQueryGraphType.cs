using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Graph.Transport.Caching;

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
        Field<StringGraphType>("cachedGreeting")
            .Description("Cacheable: who asked and the how-manieth computation this is; 'fail' fails, 'moving' moves the version.")
            .Argument<StringGraphType>("name", a => a.DefaultValue = "world")
            .CacheResponse(typeof(TestCacheVersion))
            .Resolve(context =>
            {
                var name = context.GetArgument<string>("name");
                if (name == "fail")
                    throw new InvalidOperationException("This greeting always fails.");
                var version = context.RequestServices!.GetRequiredService<TestCacheVersion>();
                if (name == "moving")
                    version.Bump();
                var computed = version.Compute();
                return $"Hello, {name}, from {(context.UserContext.TryGetValue("who", out var who) ? who : null)} #{computed}";
            });
    }
}
