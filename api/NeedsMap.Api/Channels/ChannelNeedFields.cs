using GraphQL.Types;
using NeedsMap.Api.Channels.Inbox;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Channels;

/// <summary>
/// A need's <c>channel</c> (whose type shows the channel's plugin) and <c>channelStatus</c> (the plugin's words for its
/// status), added to Needs' type from here (<see cref="INeedFields"/>): Channels writes needs, not the reverse.
/// </summary>
internal sealed class ChannelNeedFields : INeedFields
{
    public void AddTo(NeedGraphType need)
    {
        need.Field<NonNullGraphType<ChannelGraphType>>("channel").Resolve(ctx => ctx.Service<ReferenceData>().Current.FindChannel(ctx.Source.ChannelCode));
        need.Field<StringGraphType>("channelStatus")
            .Description("The need's status in its channel's own words (Open311: open or closed), when the channel's plugin maps them back; else null.")
            .Resolve(ctx => ctx.Service<ChannelPluginCatalog>()
                .ChannelStatusOf(ctx.Source.ChannelCode, NeedRecordMapping.ToRecordStatus(ctx.Source.Status)));
    }
}
