using System.Net;
using NeedsMap.Api.Common.Telemetry;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Graph.Transport.Telemetry;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NeedsMap.Api.Operations.Telemetry;

/// <summary>
/// OpenTelemetry for the whole server: traces HTTP → GraphQL operation → SQL (Npgsql) → ingestion stages → rollups, and
/// metrics (ASP.NET Core, runtime, Npgsql, the transport's and the API's own), exported over OTLP when configured and
/// scraped by Prometheus at <see cref="TelemetrySettings.MetricsPath"/>.
/// </summary>
internal static class TelemetryRegistration
{
    public static IServiceCollection AddNeedsMapTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>() ?? new TelemetrySettings();
        services.AddSingleton(settings);
        var otlp = settings.OtlpEndpoint ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("needsmap-graph"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(NeedsMapMetrics.MeterName, NeedsMapMetrics.MeterName + ".Server", TransportTelemetry.MeterName)
                    .AddPrometheusExporter();
                if (!string.IsNullOrEmpty(otlp))
                {
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        if (settings.Tracing || !string.IsNullOrEmpty(otlp))
        {
            builder.WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health")
                        && !http.Request.Path.StartsWithSegments(settings.MetricsPath))
                    .AddNpgsql()
                    .AddSource(TransportTelemetry.SourceName, IngestionTelemetry.SourceName, NeedsMapMetrics.SourceName);
                if (!string.IsNullOrEmpty(otlp))
                {
                    t.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        }
        services.AddHostedService<OperationsSampler>();
        return services;
    }

    public static void MapMetrics(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<TelemetrySettings>();
        if (string.IsNullOrEmpty(settings.MetricsPath))
        {
            return;
        }
        app.MapPrometheusScrapingEndpoint(settings.MetricsPath)
            .AddEndpointFilter(async (context, next) =>
                settings.MetricsAllowRemote || context.HttpContext.Connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip)
                    ? await next(context)
                    : Results.NotFound())
            .DisableRateLimiting();
    }
}
