using GraphQL;
using GraphQL.Types;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

public sealed class TestSubscriptionGraphType : ObjectGraphType
{
    public TestSubscriptionGraphType(TestBroadcast broadcast)
    {
        Name = "Subscription";
        // The two-type-argument form: the stream yields ints and each event resolves from the source.
        Field<NonNullGraphType<IntGraphType>, int>("countdown")
            .Description("Emits count, count-1, ... 1, waiting delayMs before each, then completes.")
            .Argument<NonNullGraphType<IntGraphType>>("count")
            .Argument<IntGraphType>("delayMs", a => a.DefaultValue = 0)
            .Argument<StringGraphType>("tag", a => a.Description = "Lets a test see whether this stream still runs.")
            .ResolveStream(context => new CountdownObservable(
                context.GetArgument<int>("count"), context.GetArgument<int>("delayMs"), tag: context.GetArgument<string?>("tag")))
            .Resolve(context => (int)context.Source!);
        Field<NonNullGraphType<IntGraphType>, int>("failAfter")
            .Description("Emits count, ... 1, then fails the stream.")
            .Argument<NonNullGraphType<IntGraphType>>("count")
            .ResolveStream(context => new CountdownObservable(context.GetArgument<int>("count"), 0, fail: true))
            .Resolve(context => (int)context.Source!);
        Field<NonNullGraphType<BroadcastGraphType>, string>("broadcast")
            .Description("Every text published to the topic while subscribed.")
            .Argument<NonNullGraphType<StringGraphType>>("topic")
            .ResolveStream(context => broadcast.Topic(context.GetArgument<string>("topic")))
            .Resolve(context => (string)context.Source!);
    }
}
