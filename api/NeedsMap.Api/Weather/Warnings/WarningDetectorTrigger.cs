using System.Threading.Channels;

namespace NeedsMap.Api.Weather.Warnings;

/// <summary>Lets ingestion wake the detector after a burst without waiting for it.</summary>
public sealed class WarningDetectorTrigger
{
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Nudge() => _nudges.Writer.TryWrite(true);

    internal ChannelReader<bool> Nudges => _nudges.Reader;
}
