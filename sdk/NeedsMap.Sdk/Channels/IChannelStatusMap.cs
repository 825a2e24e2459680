namespace NeedsMap.Sdk;

/// <summary>
/// Implemented, besides <see cref="IChannelAdapter"/>, by adapters whose channel names a need's state in its own words
/// (Open311's <c>open</c> and <c>closed</c>), so the host can answer in them as well: an adapter maps the channel's
/// states to <see cref="RecordStatus"/> in <see cref="NeedRecord.Status"/> on the way in, and back here.
/// </summary>
public interface IChannelStatusMap
{
    /// <summary>The channel's word for <paramref name="status"/>; the same value on every call.</summary>
    string ToChannelStatus(RecordStatus status);
}
