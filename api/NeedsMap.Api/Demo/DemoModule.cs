namespace NeedsMap.Api.Demo;

/// <summary>Issue #15: demo personas and their sign-in, and the banner that says where to go.</summary>
public static class DemoModule
{
    public static IServiceCollection AddNeedsMapDemo(this IServiceCollection services)
    {
        services.AddHostedService<DemoBanner>();
        return services;
    }

    public static WebApplication MapNeedsMapDemo(this WebApplication app)
    {
        DemoEndpoints.Map(app);
        return app;
    }
}
