using Microsoft.Extensions.Options;

namespace NeedsMap.Api.Channels.Plugins;

/// <summary>
/// Scans the plugin folder at start and then every few seconds, so a plugin copied in while the server runs is
/// picked up without a restart, and registers a channel for every loaded adapter that has none yet. Nothing a scan or
/// a registration meets (a bad plugin, an unreadable folder, the database away) stops it: it logs and tries again on
/// the next tick, registering then what it could not register before.
/// </summary>
public sealed class ChannelPluginWatcher(ChannelPluginCatalog catalog, ChannelRegistrar registrar, IOptions<ChannelPluginOptions> options,
    ILogger<ChannelPluginWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScanInterval);
        do
        {
            try
            {
                await catalog.ScanAsync(stoppingToken);
                // Checked against the reference data in memory, so the database is touched only when a channel is missing.
                await registrar.RegisterMissingAsync(catalog.Channels.Select(c => c.Descriptor), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Scanning the plugin folder {Root} or registering its channels failed; trying again", catalog.Root);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }
}
