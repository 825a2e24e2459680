using Microsoft.Extensions.Options;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Pull;

/// <summary>Polls every loaded adapter that is also a pull source, on the configured interval.</summary>
public sealed class PullScheduler(ChannelPluginCatalog catalog, IServiceScopeFactory scopes, IOptions<ChannelPluginOptions> options,
    ILogger<PullScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PullInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default))
        {
            foreach (var plugin in catalog.Plugins.Where(p => p.State == PluginState.Loaded))
            {
                foreach (var adapter in plugin.Adapters)
                {
                    if (adapter is not IPullSource source)
                    {
                        continue;
                    }
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<ChannelPuller>().PollAsync(adapter.Descriptor.Code, source, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "Polling {Channel} failed", adapter.Descriptor.Code);
                    }
                }
            }
        }
    }
}
