namespace NeedsMap.Api.Export;

/// <summary>Issue #19, item 1: exports of needs and aggregates over HTTP and from the CLI (<see cref="ExportCommand"/>).</summary>
public static class ExportModule
{
    public static IServiceCollection AddNeedsMapExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
        services.AddSingleton<ExportAudit>();
        services.AddScoped<NeedExportReader>();
        services.AddScoped<AggregateExports>();
        services.AddScoped<Exporter>();
        return services;
    }

    public static WebApplication MapNeedsMapExport(this WebApplication app)
    {
        app.MapExportEndpoints();
        return app;
    }
}
