using GraphQL;
using GraphQL.Types;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

public sealed class TestSubscriptionGraphType : ObjectGraphType
{
    public TestSubscriptionGraphType()
    {
        Name = "Subscription";
        // The two-type-argument form: the stream yields ints and each event resolves from the source.
        Field<NonNullGraphType<IntGraphType>, int>("countdown")
            .Description("Emits count, count-1, ... 1, waiting delayMs before each, then completes.")
            .Argument<NonNullGraphType<IntGraphType>>("count")
            .Argument<IntGraphType>("delayMs", a => a.DefaultValue = 0)
            .ResolveStream(context => new CountdownObservable(context.GetArgument<int>("count"), context.GetArgument<int>("delayMs")))
            .Resolve(context => (int)context.Source!);
    }
}
