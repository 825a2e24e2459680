using NeedsMap.Api.Demo;

namespace NeedsMap.Api.Extensions;

/// <summary>Issue #15: demo personas and their sign-in, and the banner that says where to go.</summary>
internal static class DemoExtensions
{
    public static IServiceCollection AddNeedsMapDemo(this IServiceCollection services, IConfiguration configuration)
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
