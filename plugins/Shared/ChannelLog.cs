using Microsoft.Extensions.Logging;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Shared;

/// <summary>The few things adapters log: ids and reason codes only, never the record's content.</summary>
/// <remarks>Called once per rejected record, so the messages are compiled once ([LoggerMessage]) rather than parsed
/// on every call.</remarks>
internal static partial class ChannelLog
{
    public static void Rejected(ILogger logger, string channel, RejectedRecord rejected) =>
        RecordRejected(logger, channel, rejected.ExternalId, rejected.ReasonCode);

    public static void Unreadable(ILogger logger, string channel, ChannelPayload payload, RejectedRecord rejected) =>
        PayloadRejected(logger, channel, payload.Origin, rejected.ReasonCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} record {ExternalId} rejected: {Reason}")]
    private static partial void RecordRejected(ILogger logger, string channel, string? externalId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} payload {Origin} rejected whole: {Reason}")]
    private static partial void PayloadRejected(ILogger logger, string channel, string? origin, string reason);
}
