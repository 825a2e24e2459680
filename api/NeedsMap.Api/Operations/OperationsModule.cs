using NeedsMap.Api.Operations.Health;
using NeedsMap.Api.Operations.Telemetry;
using Npgsql;

namespace NeedsMap.Api.Operations;

/// <summary>Issue #18: what an operations team needs to run the server: health probes, metrics, traces, structured logs.</summary>
public static class OperationsModule
{
    public static IServiceCollection AddNeedsMapOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperationsSettings>().Bind(configuration.GetSection(OperationsSettings.Section));
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddSingleton<MigrationsHealthCheck>();
        services.AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "database", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [HealthTags.Ready])
            .AddCheck<ListenerHealthCheck>("listen", tags: [HealthTags.Ready])
            .AddCheck<RollupBacklogHealthCheck>("rollup_backlog", tags: [HealthTags.Ready])
            .AddCheck<PluginHostHealthCheck>("plugins", tags: [HealthTags.Ready])
            .AddCheck<ShutdownDrain>("draining", tags: [HealthTags.Ready]);
        return services.AddNeedsMapTelemetry(configuration);
    }

    public static WebApplication MapNeedsMapOperations(this WebApplication app)
    {
        app.MapHealth();
        app.MapMetrics();
        return app;
    }
}
