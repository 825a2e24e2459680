using Microsoft.Extensions.Options;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Pull;

/// <summary>
/// Polls every loaded adapter that is also a pull source, on the configured interval. One source failing (its plugin,
/// the network, the database) is logged and polled again next time; it neither stops the others nor this service.
/// </summary>
public sealed class PullScheduler(ChannelPluginCatalog catalog, IServiceScopeFactory scopes, IOptions<ChannelPluginOptions> options,
    ILogger<PullScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PullInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default))
        {
            foreach (var (descriptor, adapter) in catalog.Channels.ToList())
            {
                if (adapter is not IPullSource source)
                {
                    continue;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ChannelPuller>().PollAsync(descriptor.Code, source, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Polling {Channel} failed; polling it again next time", descriptor.Code);
                }
            }
        }
    }
}
