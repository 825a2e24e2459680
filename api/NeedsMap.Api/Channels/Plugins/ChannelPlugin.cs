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
}
