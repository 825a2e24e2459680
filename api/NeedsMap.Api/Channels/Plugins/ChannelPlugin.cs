using McMaster.NETCore.Plugins;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Plugins;

public enum PluginState
{
    Loaded,
    Failed,
}

/// <summary>A plugin folder as the host last saw it: loaded with its adapters, or failed with the reason.</summary>
public sealed record ChannelPlugin(string Name, string AssemblyPath, PluginState State, DateTimeOffset At, DateTime FileTimeUtc,
    IReadOnlyList<IChannelAdapter> Adapters, string? Error)
{
    internal PluginLoader? Loader { get; init; }

    /// <summary>
    /// Each adapter's descriptor, read once at load: a descriptor is the same on every call (the SDK's contract), and
    /// plugin code is not called again on the request path for it.
    /// </summary>
    public IReadOnlyList<ChannelDescriptor> Descriptors { get; init; } = [];

    /// <summary>For channels whose adapter is an <see cref="IChannelStatusMap"/>: the channel's word for each state, read once at load.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<RecordStatus, string>> ChannelStatuses { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<RecordStatus, string>>();
}
