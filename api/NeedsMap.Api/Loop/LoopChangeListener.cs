using System.Globalization;
using System.Threading.Channels;
using NeedsMap.Api.Consultations;
using NeedsMap.Api.Dispatch;
using Npgsql;

namespace NeedsMap.Api.Loop;

/// <summary>
/// LISTENs for whistle and consultation changes from every server on the database, loads each changed object
/// whole and publishes it to this process's hubs, which the whistleChanged and consultationActivity streams filter.
/// </summary>
public sealed class LoopChangeListener(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, ChangeHub<Whistle> whistles,
    ChangeHub<ConsultationActivity> consultations, ILogger<LoopChangeListener> logger) : BackgroundService
{
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var publishing = PublishLoopAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => _pending.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {LoopNotifications.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                logger.LogWarning(ex, "Lost the loop LISTEN connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        _pending.Writer.TryComplete();
        await publishing;
    }

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await PublishAsync(payload.Split(':'), stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or FormatException)
                {
                    logger.LogWarning(ex, "Could not publish loop change {Payload}", payload);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PublishAsync(string[] parts, CancellationToken cancellationToken)
    {
        var id = long.Parse(parts[1], CultureInfo.InvariantCulture);
        var wanted = parts[0] == "w" ? whistles.SubscriberCount : consultations.SubscriberCount;
        if (wanted == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        if (parts[0] == "w" && await scope.ServiceProvider.GetRequiredService<WhistleReader>().FindAsync(id, cancellationToken) is { } whistle)
        {
            whistles.Publish(whistle);
        }
        else if (parts[0] == "c" && parts.Length == 4 && Enum.TryParse<ConsultationActivityKind>(parts[2], out var kind)
            && await scope.ServiceProvider.GetRequiredService<ConsultationReader>().FindAsync(id, cancellationToken) is { } consultation)
        {
            consultations.Publish(new ConsultationActivity(kind, consultation, long.Parse(parts[3], CultureInfo.InvariantCulture)));
        }
    }
}
