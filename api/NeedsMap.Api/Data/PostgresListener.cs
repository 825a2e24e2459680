using Npgsql;

namespace NeedsMap.Api.Data;

/// <summary>
/// One LISTEN connection per process for some notification channels, reopened a second after it is lost, so events
/// from every server on the database reach this one. Subclasses say which channels and what a notification means.
/// </summary>
public abstract class PostgresListener(NpgsqlDataSource dataSource, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan WakeToCheckStop = TimeSpan.FromMilliseconds(200);

    private volatile bool _hearing;

    protected abstract IReadOnlyList<string> Channels { get; }

    /// <summary>LISTEN is in place now (for readiness: a deaf server misses other servers' changes).</summary>
    public bool Hearing => _hearing;

    /// <summary>Runs on Npgsql's reading thread: queue the work, don't do it here.</summary>
    protected abstract void OnNotification(NpgsqlNotificationEventArgs notification);

    /// <summary>LISTEN is in place: from now on every notification is heard.</summary>
    protected virtual void OnListening()
    {
    }

    /// <summary>The connection is lost or the service stops: notifications go unheard until <see cref="OnListening"/>.</summary>
    protected virtual void OnNotHearing()
    {
    }

    /// <summary>
    /// Wait for notifications on a thread of the listener's own, blocking, instead of awaiting them: each one is then heard
    /// when it arrives, not when the thread pool's queue (thousands of socket sends when subscribers are many) reaches the
    /// awaited read's continuation. <see cref="OnNotification"/> then runs on that thread.
    /// </summary>
    protected virtual bool HearOnOwnThread => false;

    /// <summary>Work beside the listening for the service's lifetime, such as publishing what notifications queued.</summary>
    protected virtual Task RunBesideAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var beside = RunBesideSupervisedAsync(stoppingToken);
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
            catch (Exception ex)
            {
                // Whatever broke the connection (the server restarting, a network cut, a fault in a handler), listening goes on.
                _hearing = false;
                OnNotHearing();
                logger.LogWarning(ex, "Lost the LISTEN connection for {Channels}; reconnecting", string.Join(", ", Channels));
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        _hearing = false;
        OnNotHearing();
        await beside;
    }

    // The work beside listening is restarted if a fault it did not expect ends it, rather than going quietly missing.
    private async Task RunBesideSupervisedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunBesideAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The work beside listening for {Channels} failed; restarting it", string.Join(", ", Channels));
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "LISTEN takes no parameters; the channels are the listeners' constants.")]
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) => OnNotification(e);
        await using (var listen = new NpgsqlCommand(string.Join("; ", Channels.Select(c => $"LISTEN {c}")), connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        _hearing = true;
        OnListening();
        if (HearOnOwnThread)
        {
            await HearOnThreadAsync(connection, stoppingToken);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private Task HearOnThreadAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                // The blocking wait takes no token: it wakes every WakeToCheckStop to see whether the service stops, so a
                // server's shutdown (and every test host's) waits a fifth of a second for it at most, not a second.
                while (!stoppingToken.IsCancellationRequested)
                {
                    connection.Wait(WakeToCheckStop);
                }
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                // A lost connection: ExecuteAsync's loop reconnects, as when the awaited wait fails.
                done.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = "needsmap-listen-" + string.Join("-", Channels) };
        thread.Start();
        return done.Task;
    }
}
