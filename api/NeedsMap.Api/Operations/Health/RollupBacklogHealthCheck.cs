using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace NeedsMap.Api.Operations.Health;

/// <summary>Ready while the changes waiting to be counted into the map stay under <see cref="OperationsSettings.MaxRollupBacklog"/>.</summary>
public sealed class RollupBacklogHealthCheck(NpgsqlDataSource dataSource, IOptions<OperationsSettings> settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = settings.Value.MaxRollupBacklog;
        // Counting stops one past the limit, so a huge backlog costs no more to check than a full one.
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM (SELECT 1 FROM pending_rollups LIMIT @cap) p");
        command.Parameters.AddWithValue("cap", limit + 1);
        var backlog = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return backlog > limit
            ? HealthCheckResult.Unhealthy($"rollup backlog over {limit} changes")
            : HealthCheckResult.Healthy($"rollup backlog {backlog}");
    }
}
