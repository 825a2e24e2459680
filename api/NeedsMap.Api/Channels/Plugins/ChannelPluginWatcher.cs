using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Data;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Channels.Plugins;

/// <summary>
/// Scans the plugin folder at start and then every few seconds, so a plugin copied in while the server runs is
/// picked up without a restart, and registers a channel for every loaded adapter that has none yet. Nothing a scan or
/// a registration meets (a bad plugin, an unreadable folder, the database away) stops it: it logs and tries again on
/// the next tick, registering then what it could not register before.
/// </summary>
public sealed class ChannelPluginWatcher(ChannelPluginCatalog catalog, IServiceScopeFactory scopes, ReferenceData reference,
    IOptions<ChannelPluginOptions> options, ILogger<ChannelPluginWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScanInterval);
        do
        {
            try
            {
                await catalog.ScanAsync(stoppingToken);
                await RegisterChannelsAsync(stoppingToken);
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

    // Checked against the reference data in memory each tick, so the database is touched only when a channel is missing.
    private async Task RegisterChannelsAsync(CancellationToken cancellationToken)
    {
        var missing = catalog.Channels.Select(c => c.Descriptor).Where(d => reference.Current.FindChannel(d.Code) is null).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        var known = await db.Channels.Select(c => c.Code).ToHashSetAsync(cancellationToken);
        foreach (var d in missing.Where(d => known.Add(d.Code)))
        {
            db.Channels.Add(new Channel
            {
                Code = d.Code, Name = d.Name, NameEn = d.Code, Weight = d.Weight, CoordinateSystem = d.CoordinateSystem,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await reference.ReloadAsync();
    }
}
