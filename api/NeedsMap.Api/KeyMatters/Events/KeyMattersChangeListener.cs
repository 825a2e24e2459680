using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Data;
using Npgsql;

namespace NeedsMap.Api.KeyMatters.Events;

/// <summary>The jurisdiction paths whose key matters changed since the last event.</summary>
public sealed record KeyMattersChange(IReadOnlyList<string> Paths, DateTimeOffset At);

public sealed class KeyMattersChangeHub : Hub<KeyMattersChange>;

/// <summary>Configuration section <c>NeedsMap:KeyMatters</c>.</summary>
public sealed class KeyMatterEventOptions
{
    public const string Section = "NeedsMap:KeyMatters";

    /// <summary>Changes heard within this many milliseconds go out as one event: a batch of a thousand needs is one refetch, not a thousand.</summary>
    public int DebounceMilliseconds { get; set; } = 1_000;
}

/// <summary>
/// Hears key-matter changes from every server on the database; collects the
/// changed paths and publishes them at most once per debounce interval.
/// </summary>
public sealed class KeyMattersChangeListener(NpgsqlDataSource dataSource, KeyMattersChangeHub hub, KeyMatterEventOptions options,
    TimeProvider time, ILogger<KeyMattersChangeListener> logger) : PostgresListener(dataSource, logger)
{
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);

    protected override IReadOnlyList<string> Channels { get; } = [KeyMatterNotifications.Channel];

    protected override void OnNotification(NpgsqlNotificationEventArgs notification)
    {
        lock (_pending)
        {
            foreach (var path in KeyMatterNotifications.Parse(notification.Payload))
            {
                _pending.Add(path);
            }
        }
        _signal.Release();
    }

    protected override Task RunBesideAsync(CancellationToken stoppingToken) => PublishLoopAsync(stoppingToken);

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromMilliseconds(options.DebounceMilliseconds), time, stoppingToken);
                while (_signal.CurrentCount > 0)
                {
                    await _signal.WaitAsync(stoppingToken);
                }
                string[] paths;
                lock (_pending)
                {
                    paths = [.. _pending.Order(StringComparer.Ordinal)];
                    _pending.Clear();
                }
                if (paths.Length > 0 && hub.SubscriberCount > 0)
                {
                    hub.Publish(new KeyMattersChange(paths, time.GetUtcNow()));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
