using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Common.Settings;
using NeedsMap.Api.Data;
using NeedsMap.Api.Operations.Health;
using Npgsql;

namespace NeedsMap.Api.Replica;

/// <summary>
/// Issue #18 item 5: the read data source (<see cref="ReadDatabase.Key"/>) and a read-only DbContext over it, for the map's
/// lag-tolerant readers; with a replica configured also its monitor and its line in <c>/health/ready</c>. Hooked into
/// <c>NeedsMapServer.AddNeedsMap</c> right after the data registration.
/// </summary>
public static class ReadReplicaModule
{
    public static IServiceCollection AddNeedsMapReadReplica(this IServiceCollection services, IConfiguration configuration)
    {
        var replica = ReadDatabase.FindReplicaConnectionString(configuration);
        services.AddCheckedSettings<ReadReplicaSettings>(s =>
        {
            configuration.GetSection(ReadReplicaSettings.Section).Bind(s);
            s.ConnectionString = replica;
        }, Check);
        if (replica is null)
        {
            // Unset: the readers get the primary's own data source and context, exactly as before.
            services.AddKeyedSingleton<NpgsqlDataSource>(ReadDatabase.Key, (sp, _) => sp.GetRequiredService<NpgsqlDataSource>());
            services.AddKeyedScoped<NeedsMapDbContext>(ReadDatabase.Key, (sp, _) => sp.GetRequiredService<NeedsMapDbContext>());
            return services;
        }
        services.AddKeyedSingleton<NpgsqlDataSource>(ReadDatabase.Key, (_, _) => ReadDatabase.BuildDataSource(
            DatabaseRegistration.ResolveConnectionString(configuration), replica, configuration.GetValue<double?>(StatementTimeout.Setting),
            configuration.GetValue(QueryJit.Setting, false)));
        services.AddKeyedSingleton<DbContextOptions<NeedsMapDbContext>>(ReadDatabase.Key, (sp, _) => new DbContextOptionsBuilder<NeedsMapDbContext>()
            .UseNpgsql(sp.GetRequiredKeyedService<NpgsqlDataSource>(ReadDatabase.Key), npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            // Nothing read here is ever saved: a standby refuses writes anyway.
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options);
        services.AddKeyedScoped<NeedsMapDbContext>(ReadDatabase.Key, (sp, _) =>
            new NeedsMapDbContext(sp.GetRequiredKeyedService<DbContextOptions<NeedsMapDbContext>>(ReadDatabase.Key)));
        services.AddSingleton<ReplicaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaMonitor>());
        services.AddHealthChecks().AddCheck<ReplicaHealthCheck>("read_replica", tags: [HealthTags.Ready]);
        return services;
    }

    private static IEnumerable<string> Check(ReadReplicaSettings s, SettingsCheck check)
    {
        const string p = ReadReplicaSettings.Section;
        if (s.ConnectionString is { } text)
        {
            string? problem = null;
            try
            {
                if (string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(text).Host))
                {
                    problem = "names no Host";
                }
            }
            catch (ArgumentException ex)
            {
                problem = "cannot be read: " + ex.Message;
            }
            if (problem is not null)
            {
                yield return $"ConnectionStrings:{ReadDatabase.ConnectionStringName} (or NEEDSMAP_DB_REPLICA) {problem}; it is the Npgsql connection string of a streaming standby of the primary.";
            }
        }
        if (s.PollInterval < TimeSpan.FromMilliseconds(100) || s.PollInterval > TimeSpan.FromMinutes(1))
        {
            yield return $"{p}:PollInterval takes 00:00:00.1 to 00:01:00.";
        }
        if (s.MaxLagSeconds is <= 0 or double.NaN)
        {
            yield return $"{p}:MaxLagSeconds must be above 0.";
        }
    }
}
