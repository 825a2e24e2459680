namespace NeedsMap.Api.Failures;

/// <summary>Issue #17: a code and a status with a body for every failure, through every door.</summary>
public static class FailuresModule
{
    public static IServiceCollection AddNeedsMapFailures(this IServiceCollection services)
    {
        // A route parameter that does not bind (days=abc) throws, so FailureMiddleware answers it with a body.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Outermost (after compression), so that every door's failure has a body.</summary>
    public static WebApplication UseNeedsMapFailures(this WebApplication app)
    {
        app.UseMiddleware<FailureMiddleware>();
        return app;
    }
}
