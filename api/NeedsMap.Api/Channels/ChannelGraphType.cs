using GraphQL.Types;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Reference;

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
        Field(c => c.LastReceivedAt, nullable: true);
        Field(c => c.AcceptedCount).Description("Needs this channel created since it was registered; a redelivery or a revision does not count again.");
        Field(c => c.RevisedCount).Description("Deliveries of a newer version of a need already stored (kept as revisions).");
        Field(c => c.UnchangedCount).Description("Deliveries of a version already stored or passed, which changed nothing.");
        Field(c => c.RejectedCount).Description("Records put in quarantine since the channel was registered; a redelivered bad record updates its entry and does not count again.");
        Field(c => c.LastError, nullable: true);
        Field(c => c.LastErrorAt, nullable: true);
        Field<ChannelPluginGraphType>("plugin").Description("The plugin serving this channel, if one is loaded.")
            .Resolve(ctx => ctx.Service<ChannelPluginCatalog>().Plugins
                .FirstOrDefault(p => p.State == PluginState.Loaded && p.Descriptors.Any(d => d.Code == ctx.Source.Code)));
    }
}
