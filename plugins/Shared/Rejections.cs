using NeedsMap.Sdk;

namespace NeedsMap.Channels.Shared;

internal static class Rejections
{
    public static RejectedRecord Missing(string? externalId, string field, string raw) =>
        new(externalId, RejectReasons.MissingField, $"'{field}' is missing or empty.", raw);

    public static RejectedRecord Invalid(string? externalId, string field, string why, string raw) =>
        new(externalId, RejectReasons.InvalidField, $"'{field}' {why}.", raw);

    public static ParseResult UnsupportedContentType(ChannelPayload payload, string expected) =>
        ParseResult.Failed(new RejectedRecord(null, RejectReasons.UnsupportedContentType,
            $"Expected {expected}, got '{payload.MediaType}'.", payload.GetText()));
}
