using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Weather.Caching;
using Npgsql;

namespace NeedsMap.Api.Weather.Events;

/// <summary>
/// Hears the weather map's two channels from every server: cell changes are published as they
/// arrive and drop this process's cached cells answers; raised warnings are loaded by id and published.
/// </summary>
public sealed class WeatherEventListener(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, CellChangeHub cells,
    WarningHub warnings, CellAnswerCache answers, CellDirectory directory, PublicCellFeed publicCells, ILogger<WeatherEventListener> logger) : PostgresListener(dataSource, logger)
{
    private readonly Channel<long> _warningIds = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    protected override IReadOnlyList<string> Channels { get; } = [CellNotifications.Channel, CellNotifications.WarningChannel];

    protected override void OnNotification(NpgsqlNotificationEventArgs notification)
    {
        if (notification.Channel == CellNotifications.Channel)
        {
            PublishCells(notification.Payload);
        }
        else if (long.TryParse(notification.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            _warningIds.Writer.TryWrite(id);
        }
    }

    protected override void OnListening() => answers.IsListening = true;

    // Changes made while nobody listens go unheard: cache nothing until LISTEN runs again.
    protected override void OnNotHearing()
    {
        answers.IsListening = false;
        directory.Clear();
    }

    protected override Task RunBesideAsync(CancellationToken stoppingToken) => PublishWarningsAsync(stoppingToken);

    private void PublishCells(string payload)
    {
        answers.Invalidate();
        if (payload == CellNotifications.EverythingChanged)
        {
            directory.Clear();
            publicCells.EverythingChanged();
            return;
        }
        if (cells.SubscriberCount == 0)
        {
            return;
        }
        foreach (var item in payload.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split('|');
            if (parts.Length == 3)
            {
                cells.Publish(new CellChange(parts[0], parts[1], parts[2]));
            }
        }
    }

    private async Task PublishWarningsAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _warningIds.Reader.WaitToReadAsync(stoppingToken))
            {
                var ids = new List<long>();
                while (_warningIds.Reader.TryRead(out var id))
                {
                    ids.Add(id);
                }
                if (warnings.SubscriberCount == 0)
                {
                    continue;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
                    var loaded = await db.Set<Warnings.DemandWarning>().AsNoTracking().Where(w => ids.Contains(w.Id))
                        .OrderBy(w => w.Id).ToListAsync(stoppingToken);
                    loaded.ForEach(warnings.Publish);
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                {
                    logger.LogWarning(ex, "Could not load {Count} raised warnings for subscribers", ids.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
