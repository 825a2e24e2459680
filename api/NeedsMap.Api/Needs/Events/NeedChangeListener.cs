using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using Npgsql;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// Hears need changes from every server on the database, loads the changed needs in batches and
/// publishes them to this process's <see cref="NeedChangeHub"/>.
/// </summary>
public sealed class NeedChangeListener(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, NeedChangeHub hub, NeedDataVersion version,
    ILogger<NeedChangeListener> logger) : PostgresListener(dataSource, logger)
{
    private const int MaxBatch = 500;
    private readonly Channel<Heard> _pending =
        System.Threading.Channels.Channel.CreateUnbounded<Heard>(new UnboundedChannelOptions { SingleReader = true });

    protected override IReadOnlyList<string> Channels { get; } = [NeedNotifications.Channel];

    protected override void OnNotification(NpgsqlNotificationEventArgs notification)
    {
        version.Advance();
        if (NeedNotifications.TryParse(notification.Payload, out var kind, out var id))
        {
            _pending.Writer.TryWrite(new Heard(kind, id, DateTime.UtcNow.Ticks, Stopwatch.GetTimestamp()));
        }
    }

    protected override void OnListening() => version.Listening(true);

    protected override void OnNotHearing() => version.Listening(false);

    protected override Task RunBesideAsync(CancellationToken stoppingToken) => PublishLoopAsync(stoppingToken);

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Heard>(MaxBatch);
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

    private async Task PublishAsync(List<Heard> batch, CancellationToken cancellationToken)
    {
        var loadStarted = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        var ids = batch.Select(b => b.Id).Distinct().ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        NeedChangeMetrics.Loaded(loadStarted);
        foreach (var heard in batch)
        {
            if (needs.TryGetValue(heard.Id, out var need))
            {
                NeedChangeMetrics.Heard(need, heard.UtcTicks, heard.Timestamp, loadStarted);
                NeedChangeMetrics.Published(need);
                var fanOut = Stopwatch.GetTimestamp();
                hub.Publish(new NeedChange(heard.Kind, need));
                NeedChangeMetrics.FannedOut(fanOut);
            }
        }
    }

    /// <summary>A NOTIFY heard: which need, and when (wall clock for the lag from storing, Stopwatch for the batching wait).</summary>
    private readonly record struct Heard(NeedChangeKind Kind, long Id, long UtcTicks, long Timestamp);
}
