using Npgsql;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// Moves <see cref="CellWindowCounts"/> to the new window when the city day turns, and at start when the table holds another
/// day (a server down over midnight, a fresh migration). Until it has, readers of today's window read the blocks, so a late
/// turn costs speed, never correctness. Checks every <c>NeedsMap:Weather:WindowCheckSeconds</c> (60 by default) on the city
/// clock; a failure (the database away) is logged and tried again at the next check. Several servers may turn the same day:
/// the turn takes the rollup writers' turn and rereads the state under it, so the second finds the day turned and does nothing.
/// </summary>
internal sealed class CellWindowTurnJob(NpgsqlDataSource dataSource, CityDays days, TimeProvider time, IConfiguration configuration,
    ILogger<CellWindowTurnJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("NeedsMap:Weather:WindowCheckSeconds", 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            await TurnIfStaleAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Recounts when the table's day is not the city's today; true when it did.</summary>
    internal async Task<bool> TurnIfStaleAsync(CancellationToken cancellationToken)
    {
        try
        {
            var today = days.Today;
            DateOnly? held;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                held = (await CellWindowCounts.StateAsync(connection, forUpdate: false, cancellationToken))?.LastDay;
            }
            if (held == today)
            {
                return false;
            }
            var started = System.Diagnostics.Stopwatch.StartNew();
            var turn = await CellWindowCounts.TurnAsync(dataSource, today, cancellationToken);
            logger.LogInformation("Turned the current cells window from {Held} to {Today} in {Ms} ms ({Turn})", held, today, started.ElapsedMilliseconds, turn);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not turn the current cells window; readers use the blocks until the next check");
            return false;
        }
    }
}
