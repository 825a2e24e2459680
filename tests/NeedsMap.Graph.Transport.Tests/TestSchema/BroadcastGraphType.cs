using GraphQL.Types;
using NeedsMap.Graph.Transport.Sharing;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

public sealed class BroadcastGraphType : ObjectGraphType<string>
{
    public BroadcastGraphType(TestBroadcast broadcast)
    {
        Name = "Broadcast";
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(context =>
        {
            broadcast.CountResolution();
            return context.Source;
        });
        Field<StringGraphType>("who")
            .Description("The caller's name: depends on more of the caller than the partition, so it runs per caller.")
            .RunsPerCaller()
            .Resolve(context => context.UserContext.TryGetValue("who", out var who) ? who as string : null);
    }
}
