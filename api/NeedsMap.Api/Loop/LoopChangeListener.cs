using System.Globalization;
using System.Threading.Channels;
using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Data;
using NeedsMap.Api.Loop.Consultations;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Shared;
using Npgsql;

namespace NeedsMap.Api.Loop;

/// <summary>
/// Hears whistle and consultation changes from every server on the database, loads each changed object
/// whole and publishes it to this process's hubs, which the whistleChanged and consultationActivity streams filter.
/// </summary>
public sealed class LoopChangeListener(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, Hub<Whistle> whistles,
    Hub<ConsultationActivity> consultations, ILogger<LoopChangeListener> logger) : PostgresListener(dataSource, logger)
{
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    protected override IReadOnlyList<string> Channels { get; } = [LoopNotifications.Channel];

    protected override void OnNotification(NpgsqlNotificationEventArgs notification) => _pending.Writer.TryWrite(notification.Payload);

    protected override Task RunBesideAsync(CancellationToken stoppingToken) => PublishLoopAsync(stoppingToken);

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
