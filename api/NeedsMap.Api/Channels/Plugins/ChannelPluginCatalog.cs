using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Plugins;

/// <summary>
/// Loads channel plugins from <c>&lt;Root&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c>, each in its own load context sharing only the
/// SDK with the host. A folder that appears or changes is (re)loaded on the next scan; one that fails to load, declares
/// a descriptor outside the SDK's limits, serves a channel another plugin serves, or hangs while loading is listed
/// FAILED with the reason and the others go on (<see cref="PluginInspector"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim holds no handle until AvailableWaitHandle is read, which this code never does; it lives as long as its owner.")]
public sealed class ChannelPluginCatalog(IOptions<ChannelPluginOptions> options, IHostEnvironment environment,
    ILogger<ChannelPluginCatalog> logger)
{
    private readonly ConcurrentDictionary<string, ChannelPlugin> _plugins = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _scanning = new(1, 1);

    public string Root => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Root));

    /// <summary>When the folder was last scanned (null before the first scan ends), for readiness.</summary>
    public DateTimeOffset? LastScannedAt { get; private set; }

    public IReadOnlyCollection<ChannelPlugin> Plugins => [.. _plugins.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>Every channel a loaded plugin serves, with its descriptor as read at load.</summary>
    public IEnumerable<(ChannelDescriptor Descriptor, IChannelAdapter Adapter)> Channels =>
        Plugins.Where(p => p.State == PluginState.Loaded).SelectMany(p => p.Descriptors.Zip(p.Adapters));

    public IChannelAdapter? FindAdapter(string channelCode) => Find(channelCode)?.Adapter;

    /// <summary>The descriptor of the channel as its plugin declared it at load; null when no loaded plugin serves it.</summary>
    public ChannelDescriptor? FindDescriptor(string channelCode) => Find(channelCode)?.Descriptor;

    /// <summary>The channel's own word for a state (Open311's open or closed), if its plugin maps states back.</summary>
    public string? ChannelStatusOf(string channelCode, RecordStatus status) =>
        _plugins.Values.Where(p => p.State == PluginState.Loaded)
            .Select(p => p.ChannelStatuses.TryGetValue(channelCode, out var words) ? words[status] : null)
            .FirstOrDefault(w => w is not null);

    private (ChannelDescriptor Descriptor, IChannelAdapter Adapter)? Find(string channelCode)
    {
        foreach (var (descriptor, adapter) in Channels)
        {
            if (descriptor.Code == channelCode)
            {
                return (descriptor, adapter);
            }
        }
        return null;
    }

    public async Task ScanAsync(CancellationToken cancellationToken = default)
    {
        await _scanning.WaitAsync(cancellationToken);
        try
        {
            if (!Directory.Exists(Root))
            {
                return;
            }
            foreach (var folder in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder);
                var dll = Path.Combine(folder, name + ".dll");
                if (!File.Exists(dll))
                {
                    ListMisnamed(folder, name, dll);
                    continue;
                }
                var stamp = File.GetLastWriteTimeUtc(dll);
                if (_plugins.TryGetValue(name, out var known) && known.FileTimeUtc == stamp)
                {
                    continue;
                }
                var plugin = await LoadAsync(name, dll, stamp, cancellationToken);
                if (_plugins.TryGetValue(name, out var previous))
                {
                    previous.Loader?.Dispose();
                }
                _plugins[name] = plugin;
            }
        }
        finally
        {
            LastScannedAt = DateTimeOffset.UtcNow;
            _scanning.Release();
        }
    }

    /// <summary>
    /// A folder holding assemblies but none named after it (a plugin copied into <c>plugins/community-board/</c>): listed as
    /// FAILED with the reason instead of passed over in silence. A folder without any assembly is not a plugin.
    /// </summary>
    private void ListMisnamed(string folder, string name, string dll)
    {
        var assemblies = Directory.EnumerateFiles(folder, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(3).ToList();
        // A plugin already listed keeps its entry: its assembly may be missing only while it is being copied over.
        if (assemblies.Count == 0 || _plugins.ContainsKey(name))
        {
            return;
        }
        var reason = $"the folder has no {name}.dll (it holds {string.Join(", ", assemblies)}): a plugin's folder is named after its assembly";
        logger.LogWarning("Plugin folder {Name} skipped: {Reason}", name, reason);
        _plugins[name] = Failed(name, dll, DateTime.MinValue, reason);
    }

    // Plugin code runs while loading (constructors, descriptors): off the scanning thread and under the call time limit,
    // so a plugin that hangs there fails alone instead of stopping every later scan.
    private async Task<ChannelPlugin> LoadAsync(string name, string dll, DateTime stamp, CancellationToken cancellationToken)
    {
        var servedElsewhere = _plugins.Values.Where(p => p.State == PluginState.Loaded && p.Name != name)
            .SelectMany(p => p.Descriptors.Select(d => (d.Code, p.Name)))
            .GroupBy(c => c.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        try
        {
            var plugin = await Task.Run(() => PluginInspector.Inspect(name, dll, stamp, servedElsewhere), CancellationToken.None)
                .WaitAsync(options.Value.CallTimeout, cancellationToken);
            logger.LogInformation("Loaded plugin {Name}: {Channels}", name, string.Join(", ", plugin.Descriptors.Select(d => d.Code)));
            return plugin;
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Plugin {Name} did not load within {Seconds} s", name, options.Value.CallTimeout.TotalSeconds);
            return Failed(name, dll, stamp, $"it did not load within {options.Value.CallTimeout.TotalSeconds:0.#} s");
        }
        catch (PluginInspector.PluginRefused refused)
        {
            logger.LogWarning("Plugin {Name} refused: {Reason}", name, refused.Message);
            return Failed(name, dll, stamp, refused.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            logger.LogWarning(ex, "Plugin {Name} failed to load", name);
            // The plugin's own exception, not the reflection wrapper around its constructor.
            var cause = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
            return Failed(name, dll, stamp, $"{cause.GetType().Name}: {cause.Message}");
        }
    }

    private static ChannelPlugin Failed(string name, string dll, DateTime stamp, string reason) =>
        new(name, dll, PluginState.Failed, DateTimeOffset.UtcNow, stamp, [], reason.Length > 2000 ? reason[..2000] : reason);
}
