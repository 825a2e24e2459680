using Microsoft.AspNetCore.ResponseCompression;
using NeedsMap.Api.Operations.Health;
using NeedsMap.Api.Operations.Telemetry;
using Npgsql;

namespace NeedsMap.Api.Operations;

/// <summary>Issue #18: what an operations team needs to run the server: health probes, metrics, traces, structured logs.</summary>
public static class OperationsModule
{
    public static IServiceCollection AddNeedsMapOperations(this IServiceCollection services, IConfiguration configuration)
    {
        // OperationsSettings and TelemetrySettings are bound and checked at start with the others (Startup/SettingsRules).
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
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            // Tiles, GeoJSON and JSON answers; nothing here echoes a secret next to attacker-chosen text (BREACH).
            o.MimeTypes = ["application/vnd.mapbox-vector-tile", "application/json", "application/geo+json", "application/graphql-response+json"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services.AddNeedsMapTelemetry(configuration);
    }

    /// <summary>First in the pipeline: compression wraps every answer after it.</summary>
    public static WebApplication UseNeedsMapOperations(this WebApplication app)
    {
        app.UseResponseCompression();
        return app;
    }

    public static WebApplication MapNeedsMapOperations(this WebApplication app)
    {
        app.MapHealth();
        app.MapMetrics();
        return app;
    }
}
