namespace NeedsMap.Api.Web;

/// <summary>The bundled pages: the map, its configuration and boundaries, and GraphiQL for browsers on /graphql.</summary>
public static class WebModule
{
    public static IServiceCollection AddNeedsMapWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MapOptions>(configuration.GetSection(MapOptions.Section));
        return services;
    }

    /// <summary>The bundled pages: static assets, /map with its configuration, and GraphiQL for browsers on /graphql.</summary>
    public static WebApplication MapNeedsMapWeb(this WebApplication app)
    {
        WebPages.EnsureWebRoot(app.Environment);
        app.UseStaticFiles();
        // Before the GraphQL endpoint runs: a browser asking for a page gets GraphiQL; every other GET stays GraphQL over HTTP.
        app.Use((context, next) =>
            context.Request.Path.Equals("/graphql", StringComparison.OrdinalIgnoreCase) && BrowserAccept.WantsGraphiQL(context.Request)
                ? WebPages.Page(app.Environment, WebPages.GraphiQLPage).ExecuteAsync(context)
                : next(context));
        app.MapGet("/map", (IWebHostEnvironment env) => WebPages.Page(env, WebPages.MapPage));
        app.MapGet("/map/config.json", WebPages.Config);
        // The map's boundaries (Jurisdictions' route), mapped here between the page's routes as the OpenAPI document lists them.
        Jurisdictions.Boundaries.BoundaryEndpoint.Map(app);
        app.MapGet("/", () => Results.Redirect("/map"));
        return app;
    }
}
