using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Data;
using NeedsMap.Api.Reference;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Plugins;

/// <summary>
/// Scans the plugin folder at start and then every few seconds, so a plugin copied in while the server runs is
/// picked up without a restart, and registers a channel for every adapter that has none yet.
/// </summary>
public sealed class ChannelPluginWatcher(ChannelPluginCatalog catalog, IServiceScopeFactory scopes, ReferenceData reference,
    IOptions<ChannelPluginOptions> options, ILogger<ChannelPluginWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        catalog.AdaptersLoaded += RegisterChannelsAsync;
        using var timer = new PeriodicTimer(options.Value.ScanInterval);
        do
        {
            try
            {
                await catalog.ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not scan the plugin folder {Root}", catalog.Root);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    private async Task RegisterChannelsAsync(IReadOnlyList<IChannelAdapter> adapters)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        var known = await db.Channels.Select(c => c.Code).ToHashSetAsync();
        foreach (var d in adapters.Select(a => a.Descriptor).Where(d => !known.Contains(d.Code)))
        {
            db.Channels.Add(new Channel
            {
                Code = d.Code, Name = d.Name, NameEn = d.Code, Weight = d.Weight, CoordinateSystem = d.CoordinateSystem,
            });
            known.Add(d.Code);
        }
        await db.SaveChangesAsync();
        await reference.ReloadAsync();
    }
}
