using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Channels;

public sealed class ChannelGraphType : ObjectGraphType<Channel>
{
    public ChannelGraphType()
    {
        Name = "Channel";
        Description = "A way needs reach the city: a hotline, a platform, an app (诉求渠道).";
        Field(c => c.Code);
        Field(c => c.Name).Description("The Chinese name.");
        Field(c => c.NameEn).Description("The English name.");
        Field(c => c.Weight).Description("How much one need from this channel weighs in demand indexes.");
        Field<NonNullGraphType<CoordinateSystemGraphType>>("coordinateSystem").Resolve(ctx => ctx.Source.CoordinateSystem);
        Field(c => c.Enabled);
        // The operations figures below: city administrators and the channel's integrator only (AccessScope.EnsureSeesChannelOperations).
        // Nullable, so an integrator listing every channel gets its own figures and a FORBIDDEN error (with null) for the others.
        Field<DateTimeOffsetGraphType>("lastReceivedAt").Description("When a delivery last arrived (administrators and its integrator).")
            .Resolve(ctx => Operations(ctx, c => c.LastReceivedAt));
        Field<LongGraphType>("acceptedCount")
            .Description("Needs this channel created since it was registered; a redelivery or a revision does not count again (administrators and its integrator).")
            .Resolve(ctx => Operations(ctx, c => c.AcceptedCount));
        Field<LongGraphType>("revisedCount")
            .Description("Deliveries of a newer version of a need already stored (kept as revisions; administrators and its integrator).")
            .Resolve(ctx => Operations(ctx, c => c.RevisedCount));
        Field<LongGraphType>("unchangedCount")
            .Description("Deliveries of a version already stored or passed, which changed nothing (administrators and its integrator).")
            .Resolve(ctx => Operations(ctx, c => c.UnchangedCount));
        Field<LongGraphType>("rejectedCount")
            .Description("Records put in quarantine since the channel was registered; a redelivered bad record updates its entry and does not count again (administrators and its integrator).")
            .Resolve(ctx => Operations(ctx, c => c.RejectedCount));
        Field<StringGraphType>("lastError").Description("The last delivery's error, if it failed (administrators and its integrator).")
            .Resolve(ctx => Operations(ctx, c => c.LastError));
        Field<DateTimeOffsetGraphType>("lastErrorAt").Description("When a delivery last failed (administrators and its integrator).")
            .Resolve(ctx => Operations(ctx, c => c.LastErrorAt));
        Field<ChannelPluginGraphType>("plugin").Description("The plugin serving this channel, if one is loaded (administrators and its integrator).")
            .Resolve(ctx => Operations(ctx, c => ctx.Service<ChannelPluginCatalog>().Plugins
                .FirstOrDefault(p => p.State == PluginState.Loaded && p.Descriptors.Any(d => d.Code == c.Code))));
    }

    private static T Operations<T>(IResolveFieldContext<Channel> context, Func<Channel, T> read)
    {
        context.Service<AccessScope>().EnsureSeesChannelOperations(context.Source.Code);
        return read(context.Source);
    }
}
