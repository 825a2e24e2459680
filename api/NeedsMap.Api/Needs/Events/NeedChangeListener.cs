using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using Npgsql;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// LISTENs for need changes from every server on the database, loads the changed needs in batches and
/// publishes them to this process's <see cref="NeedChangeHub"/>.
/// </summary>
public sealed class NeedChangeListener(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, NeedChangeHub hub,
    ILogger<NeedChangeListener> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly Channel<(NeedChangeKind Kind, long Id)> _pending =
        System.Threading.Channels.Channel.CreateUnbounded<(NeedChangeKind, long)>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var publishing = PublishLoopAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                logger.LogWarning(ex, "Lost the LISTEN connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        _pending.Writer.TryComplete();
        await publishing;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (NeedNotifications.TryParse(e.Payload, out var kind, out var id))
            {
                _pending.Writer.TryWrite((kind, id));
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {NeedNotifications.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(NeedChangeKind Kind, long Id)>(MaxBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                if (hub.SubscriberCount == 0)
                {
                    continue;
                }
                try
                {
                    await PublishAsync(batch, stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                {
                    logger.LogWarning(ex, "Could not load {Count} changed needs for subscribers", batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PublishAsync(List<(NeedChangeKind Kind, long Id)> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        var ids = batch.Select(b => b.Id).Distinct().ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        foreach (var (kind, id) in batch)
        {
            if (needs.TryGetValue(id, out var need))
            {
                hub.Publish(new NeedChange(kind, need));
            }
        }
    }
}
