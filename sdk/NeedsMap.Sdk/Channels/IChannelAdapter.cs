namespace NeedsMap.Sdk;

/// <summary>
/// Turns a channel's native payloads into <see cref="NeedRecord"/>s. One instance serves many payloads,
/// possibly concurrently, so an adapter keeps no per-payload state.
/// </summary>
public interface IChannelAdapter
{
    /// <summary>What this channel is; the same value on every call.</summary>
    ChannelDescriptor Descriptor { get; }

    /// <summary>
    /// Parses one payload, which may hold a single record or a batch. Bad data never throws: each record
    /// that cannot be used comes back in <see cref="ParseResult.Rejected"/>, and a payload that cannot be
    /// read at all comes back as a single rejection. Parsing the same payload twice gives equal records.
    /// </summary>
    /// <param name="payload">The bytes as the channel delivered them.</param>
    /// <param name="context">Logging, clock, cancellation and the host's salted hashing.</param>
    ParseResult Parse(ChannelPayload payload, IChannelContext context);
}
