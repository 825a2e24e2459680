using Microsoft.Extensions.Options;
using NeedsMap.Api.Data;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Weather.Caching;
using Npgsql;

namespace NeedsMap.Api.Replica;

/// <summary>
/// Watches the standby: reachable, still a standby, how far behind the primary (bytes of WAL and seconds since the last
/// replayed commit). It also keeps the map's caches honest: a change is heard over LISTEN on the primary before the
/// standby has replayed it, so an answer read from the standby right after a notification may miss it. Every time the
/// standby's replay position moves, the cells' answers and the tiles' data version move too, so such an answer is
/// dropped (and a tile revalidated) within one <see cref="ReadReplicaSettings.PollInterval"/> of the replay.
/// </summary>
public sealed class ReplicaMonitor : BackgroundService
{
    private readonly NpgsqlDataSource _primary;
    private readonly NpgsqlDataSource _replica;
    private readonly NpgsqlDataSource _read;
    private readonly ReadReplicaSettings _settings;
    private readonly CellAnswerCache _cells;
    private readonly NeedDataVersion _needs;
    private readonly TimeProvider _time;
    private readonly ILogger<ReplicaMonitor> _logger;

    public ReplicaMonitor(NpgsqlDataSource primary, [FromKeyedServices(ReadDatabase.Key)] NpgsqlDataSource read, IOptions<ReadReplicaSettings> settings, CellAnswerCache cells, NeedDataVersion needs,
        TimeProvider time, ILogger<ReplicaMonitor> logger)
    {
        _primary = primary;
        _read = read;
        _settings = settings.Value;
        _cells = cells;
        _needs = needs;
        _time = time;
        _logger = logger;
        // The standby alone, without the read source's fallback to the primary: this asks about the standby itself.
        var replica = new NpgsqlConnectionStringBuilder(_settings.ConnectionString) { Timeout = 3, CommandTimeout = 3, MaxPoolSize = 2 };
        _replica = NpgsqlDataSource.Create(replica);
    }

    public ReplicaStatus Current { get; private set; } = ReplicaStatus.NotYetChecked;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var before = Current;
            var now = await LookAsync(stoppingToken);
            Current = now;
            if (now.Reachable != before.Reachable)
            {
                _logger.LogInformation("Read replica {State}: {Error}", now.Reachable ? "reachable" : "unreachable, reads fall over to the primary", now.Error);
                if (!now.Reachable)
                {
                    // Idle pooled connections to the lost standby would each fail one read before Npgsql tries the primary.
                    _read.Clear();
                }
            }
            if (now.ReplayLsn != before.ReplayLsn || now.Reachable != before.Reachable)
            {
                _cells.Invalidate();
                _needs.Advance();
            }
            try
            {
                await Task.Delay(_settings.PollInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<ReplicaStatus> LookAsync(CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        try
        {
            string? primaryLsn = null;
            try
            {
                await using var p = _primary.CreateCommand("SELECT pg_current_wal_lsn()::text");
                primaryLsn = (string?)await p.ExecuteScalarAsync(cancellationToken);
            }
            catch (NpgsqlException)
            {
                // Without the primary the lag is unknown; the standby's own state is still worth reporting.
            }
            await using var command = _replica.CreateCommand("""
                SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,
                       pg_wal_lsn_diff(@primary::pg_lsn, pg_last_wal_replay_lsn())::bigint,
                       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
                """);
            command.Parameters.AddWithValue("primary", NpgsqlTypes.NpgsqlDbType.Text, (object?)primaryLsn ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var inRecovery = reader.GetBoolean(0);
            var replay = reader.IsDBNull(1) ? null : reader.GetString(1);
            long? bytes = reader.IsDBNull(2) ? null : Math.Max(0, reader.GetInt64(2));
            double? sinceReplay = reader.IsDBNull(3) ? null : reader.GetDouble(3);
            // Caught up means lag 0 however long ago the last commit was (an idle primary makes no commits to replay).
            double? lag = bytes is 0 ? 0 : bytes is > 0 ? Math.Max(0, sinceReplay ?? 0) : null;
            return new ReplicaStatus(at, true, inRecovery, replay, lag, bytes, null);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new ReplicaStatus(at, false, false, null, null, null, ex.Message);
        }
    }

    public override void Dispose()
    {
        _replica.Dispose();
        base.Dispose();
    }
}
