using System.Diagnostics;
using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Data;
using Npgsql;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// Hears need changes from every server on the database, loads the changed needs in batches and
/// publishes them to this process's <see cref="NeedChangeHub"/>.
/// </summary>
/// <remarks>
/// Hearing and publishing each run on a thread of their own, blocking on the database rather than awaiting it: with
/// thousands of sockets the thread pool's queue holds a work item per socket per event, and every continuation of an
/// awaited NOTIFY or load waited behind them (the bench's breakdown in bench/results/subscribers-20000.md). The batching
/// adapts by itself: when idle, a NOTIFY wakes the publisher and is loaded alone at once; when busy, whatever was heard
/// while the previous batch loaded and fanned out forms the next one. Batches are published in the order heard, each need
/// in its batch's order, and each subscriber's changes are handed to it on one of the <see cref="FanOutLanes"/>, so a
/// subscriber gets each change once and in order.
/// </remarks>
public sealed class NeedChangeListener(NpgsqlDataSource dataSource, NeedChangeHub hub, NeedDataVersion version,
    ILogger<NeedChangeListener> logger) : PostgresListener(dataSource, logger)
{
    private const int MaxBatch = 500;
    private readonly NpgsqlDataSource _dataSource = dataSource;
    private readonly Mailbox<Heard> _pending = new();
    private readonly FanOutLanes _lanes = new(FanOutLanes.DefaultCount, logger);
    private Action<IObserver<NeedChange>, NeedChange>? _post;

    protected override IReadOnlyList<string> Channels { get; } = [NeedNotifications.Channel];

    protected override bool HearOnOwnThread => true;

    protected override void OnNotification(NpgsqlNotificationEventArgs notification)
    {
        version.Advance();
        if (NeedNotifications.TryParse(notification.Payload, out var kind, out var id))
        {
            _pending.Post(new Heard(kind, id, DateTime.UtcNow.Ticks, Stopwatch.GetTimestamp()));
        }
    }

    protected override void OnListening() => version.Listening(true);

    protected override void OnNotHearing() => version.Listening(false);

    protected override Task RunBesideAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                PublishLoop(stoppingToken);
                done.TrySetResult();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                // The supervisor (PostgresListener) logs it and starts the loop again.
                done.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = "needsmap-need-changes" };
        thread.Start();
        return done.Task;
    }

    private void PublishLoop(CancellationToken stoppingToken)
    {
        using var loader = new NeedBatchLoader(_dataSource);
        var batch = new List<Heard>(MaxBatch);
        while (!stoppingToken.IsCancellationRequested)
        {
            _pending.Take(batch, MaxBatch, stoppingToken);
            // With no subscriber on this server nothing needs loading; the changes still moved the data version above.
            if (batch.Count == 0 || hub.SubscriberCount == 0)
            {
                continue;
            }
            try
            {
                Publish(loader, batch);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Could not load {Count} changed needs for subscribers", batch.Count);
            }
        }
    }

    private void Publish(NeedBatchLoader loader, List<Heard> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var ids = new long[batch.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = batch[i].Id;
        }
        var needs = loader.Load(ids);
        NeedChangeMetrics.Loaded(started);
        foreach (var heard in batch)
        {
            if (needs.TryGetValue(heard.Id, out var need))
            {
                NeedChangeMetrics.Heard(need, heard.UtcTicks, heard.Timestamp, started);
                NeedChangeMetrics.Published(need);
                var fanOut = Stopwatch.GetTimestamp();
                hub.Publish(new NeedChange(heard.Kind, need), _post ??= _lanes.Post);
                NeedChangeMetrics.FannedOut(fanOut);
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _pending.Dispose();
        _lanes.Dispose();
    }

    /// <summary>A NOTIFY heard: which need, and when (wall clock for the lag from storing, Stopwatch for the batching wait).</summary>
    private readonly record struct Heard(NeedChangeKind Kind, long Id, long UtcTicks, long Timestamp);
}
