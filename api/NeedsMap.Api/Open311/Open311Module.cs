namespace NeedsMap.Api.Open311;

/// <summary>Issue #19, item 2: an Open311 GeoReport v2 server (<see cref="Open311Endpoints"/>).</summary>
public static class Open311Module
{
    public static IServiceCollection AddNeedsMapOpen311(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Open311Options>(configuration.GetSection(Open311Options.Section));
        services.AddSingleton<Open311Services>();
        services.AddSingleton<Open311Access>();
        services.AddScoped<Open311RequestReader>();
        services.AddScoped<Open311Submission>();
        return services;
    }

    public static WebApplication MapNeedsMapOpen311(this WebApplication app)
    {
        app.MapOpen311Endpoints();
        return app;
    }
}
