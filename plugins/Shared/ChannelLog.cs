using Microsoft.Extensions.Logging;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Shared;

/// <summary>The few things adapters log: ids and reason codes only, never the record's content.</summary>
internal static class ChannelLog
{
    public static void Rejected(ILogger logger, string channel, RejectedRecord rejected)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("{Channel} record {ExternalId} rejected: {Reason}", channel, rejected.ExternalId, rejected.ReasonCode);
        }
    }

    public static void Unreadable(ILogger logger, string channel, ChannelPayload payload, RejectedRecord rejected)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("{Channel} payload {Origin} rejected whole: {Reason}", channel, payload.Origin, rejected.ReasonCode);
        }
    }
}
