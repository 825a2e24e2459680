using System.Diagnostics.Metrics;
using NeedsMap.Api.Common.Telemetry;
using NeedsMap.Graph.Transport.Caching;
using NeedsMap.Graph.Transport.Sharing;
using Npgsql;

namespace NeedsMap.Api.Operations.Telemetry;

/// <summary>
/// Gauges of this server (subscribers, shared runs, response cache) and of the database (changes waiting to be counted,
/// quarantine size). Database values are sampled every <see cref="Interval"/> rather than on each scrape, so a scrape
/// never waits on PostgreSQL and a busy scraper cannot load it.
/// </summary>
public sealed class OperationsSampler : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private const int CountCap = 10_000_000;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<OperationsSampler> _logger;
    private long _pendingRollups;
    private long _quarantined;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "A meter from IMeterFactory belongs to the factory, which disposes it with the host.")]
    public OperationsSampler(IMeterFactory meters, NpgsqlDataSource dataSource, SharedSubscriptions shared, GraphQLResponseCache cache,
        ILogger<OperationsSampler> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        var meter = meters.Create(NeedsMapMetrics.MeterName + ".Server");
        meter.CreateObservableGauge("needsmap.subscriptions.members", () => shared.Members, "{subscriber}", "Sockets' subscriptions served by shared runs.");
        meter.CreateObservableGauge("needsmap.subscriptions.shared_runs", () => shared.Runs, "{run}", "Shared subscription runs (one execution per event each).");
        meter.CreateObservableCounter("needsmap.response_cache.hits", () => cache.Hits, "{lookup}", "GraphQL responses served from the response cache.");
        meter.CreateObservableCounter("needsmap.response_cache.misses", () => cache.Misses, "{lookup}", "Cacheable GraphQL requests that had to execute.");
        meter.CreateObservableGauge("needsmap.rollups.pending", () => Interlocked.Read(ref _pendingRollups), "{change}",
            "Stored need changes not yet counted into the map (the rollup lag).");
        meter.CreateObservableGauge("needsmap.quarantine.size", () => Interlocked.Read(ref _quarantined), "{record}", "Records held in quarantine.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                Interlocked.Exchange(ref _pendingRollups, await CountAsync("pending_rollups", stoppingToken));
                Interlocked.Exchange(ref _quarantined, await CountAsync("quarantined_records", stoppingToken));
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                _logger.LogDebug(ex, "Could not sample the database for metrics");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    private async Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT {CountCap}) t");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
