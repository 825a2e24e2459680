using System.Collections.Concurrent;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Options;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Plugins;

/// <summary>
/// Loads channel plugins from <c>&lt;Root&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c>, each in its own load context sharing only the
/// SDK with the host. A folder that appears or changes is (re)loaded on the next scan; one that fails to load is
/// reported and the others go on.
/// </summary>
public sealed class ChannelPluginCatalog(IOptions<ChannelPluginOptions> options, IHostEnvironment environment,
    ILogger<ChannelPluginCatalog> logger)
{
    private static readonly Type[] SharedTypes = [typeof(IChannelAdapter), typeof(Microsoft.Extensions.Logging.ILogger)];
    private readonly ConcurrentDictionary<string, ChannelPlugin> _plugins = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _scanning = new(1, 1);

    public string Root => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Root));

    /// <summary>When the folder was last scanned (null before the first scan ends), for readiness.</summary>
    public DateTimeOffset? LastScannedAt { get; private set; }

    public IReadOnlyCollection<ChannelPlugin> Plugins => [.. _plugins.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>Raised after a scan loaded something new, so channels can be registered for it.</summary>
    public event Func<IReadOnlyList<IChannelAdapter>, Task>? AdaptersLoaded;

    public IChannelAdapter? FindAdapter(string channelCode) =>
        _plugins.Values.Where(p => p.State == PluginState.Loaded)
            .SelectMany(p => p.Adapters).FirstOrDefault(a => a.Descriptor.Code == channelCode);

    public async Task ScanAsync(CancellationToken cancellationToken = default)
    {
        await _scanning.WaitAsync(cancellationToken);
        try
        {
            if (!Directory.Exists(Root))
            {
                return;
            }
            var loaded = new List<IChannelAdapter>();
            foreach (var folder in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder);
                var dll = Path.Combine(folder, name + ".dll");
                if (!File.Exists(dll))
                {
                    continue;
                }
                var stamp = File.GetLastWriteTimeUtc(dll);
                if (_plugins.TryGetValue(name, out var known) && known.FileTimeUtc == stamp)
                {
                    continue;
                }
                var plugin = Load(name, dll, stamp);
                if (_plugins.TryGetValue(name, out var previous))
                {
                    previous.Loader?.Dispose();
                }
                _plugins[name] = plugin;
                loaded.AddRange(plugin.Adapters);
            }
            if (loaded.Count > 0 && AdaptersLoaded is { } handler)
            {
                await handler(loaded);
            }
        }
        finally
        {
            LastScannedAt = DateTimeOffset.UtcNow;
            _scanning.Release();
        }
    }

    private ChannelPlugin Load(string name, string dll, DateTime stamp)
    {
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(dll, sharedTypes: SharedTypes, config => config.PreferSharedTypes = true);
            var adapters = loader.LoadDefaultAssembly().GetTypes()
                .Where(t => typeof(IChannelAdapter).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }
                    && t.GetConstructor(Type.EmptyTypes) is not null)
                .Select(t => (IChannelAdapter)Activator.CreateInstance(t)!)
                .ToList();
            if (adapters.Count == 0)
            {
                throw new InvalidOperationException("it holds no public IChannelAdapter with a parameterless constructor");
            }
            logger.LogInformation("Loaded plugin {Name}: {Channels}", name, string.Join(", ", adapters.Select(a => a.Descriptor.Code)));
            return new ChannelPlugin(name, dll, PluginState.Loaded, DateTimeOffset.UtcNow, stamp, adapters, null) { Loader = loader };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Plugin {Name} failed to load", name);
            return new ChannelPlugin(name, dll, PluginState.Failed, DateTimeOffset.UtcNow, stamp, [], $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
