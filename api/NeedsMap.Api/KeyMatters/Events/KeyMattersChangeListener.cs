using NeedsMap.Api.Cells.Events;
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
/// One LISTEN connection per process for key-matter changes from every server on the database; collects the
/// changed paths and publishes them at most once per debounce interval.
/// </summary>
public sealed class KeyMattersChangeListener(NpgsqlDataSource dataSource, KeyMattersChangeHub hub, KeyMatterEventOptions options,
    TimeProvider time, ILogger<KeyMattersChangeListener> logger) : BackgroundService
{
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);

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
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                logger.LogWarning(ex, "Lost the key-matters LISTEN connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        await publishing;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            lock (_pending)
            {
                foreach (var path in KeyMatterNotifications.Parse(e.Payload))
                {
                    _pending.Add(path);
                }
            }
            _signal.Release();
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {KeyMatterNotifications.Channel}", connection))
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
