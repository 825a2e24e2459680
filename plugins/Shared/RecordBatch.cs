using System.Text.Json;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Shared;

/// <summary>What parsing one item of a payload gives: a record, or the reason it is not one.</summary>
internal readonly record struct ItemOutcome(NeedRecord? Record, RejectedRecord? Rejected)
{
    public static implicit operator ItemOutcome((NeedRecord? Record, RejectedRecord? Rejected) pair) => new(pair.Record, pair.Rejected);
}

/// <summary>
/// The part every adapter shares: a payload of items in, each item parsed on its own, bad ones logged and kept with
/// their reason, the rest returned in order.
/// </summary>
internal static class RecordBatch
{
    public static ParseResult ParseEach<T>(IEnumerable<T> items, string channel, IChannelContext context, Func<T, IChannelContext, ItemOutcome> parse)
    {
        var records = new List<NeedRecord>();
        var rejected = new List<RejectedRecord>();
        foreach (var item in items)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var outcome = parse(item, context);
            if (outcome.Record is { } record)
            {
                records.Add(record);
            }
            else
            {
                ChannelLog.Rejected(context.Logger, channel, outcome.Rejected!);
                rejected.Add(outcome.Rejected!);
            }
        }
        return new ParseResult(records, rejected);
    }

    /// <summary>A JSON payload (a bare array, an envelope around one, or one object) parsed item by item.</summary>
    public static ParseResult ParseJson(ChannelPayload payload, IReadOnlyList<string> wrapperKeys, string channel, IChannelContext context,
        Func<JsonElement, IChannelContext, ItemOutcome> parse)
    {
        if (payload.MediaType is not ("application/json" or "text/json"))
        {
            return Rejections.UnsupportedContentType(payload, "application/json");
        }
        if (!JsonPayload.TryOpen(payload, wrapperKeys, out var document, out var items, out var failure))
        {
            ChannelLog.Unreadable(context.Logger, channel, payload, failure!);
            return ParseResult.Failed(failure!);
        }
        using (document)
        {
            return ParseEach(items, channel, context, parse);
        }
    }
}
