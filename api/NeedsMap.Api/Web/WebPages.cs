using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Web;

/// <summary>
/// The pages scripts/build-web bundles into wwwroot: the needs map at /map and GraphiQL at /graphql for browsers.
/// </summary>
internal static class WebPages
{
    public const string MapPage = "map/index.html";
    public const string GraphiQLPage = "graphiql/index.html";

    public static IResult Page(IWebHostEnvironment environment, string page)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(page);
        if (!file.Exists || file.PhysicalPath is null)
            return Results.Text($"{page} is not built: run scripts/build-web.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        return Results.File(file.PhysicalPath, "text/html; charset=utf-8");
    }

    /// <summary>The time zone lets the page ask the cell tiles for the city's day, not the browser's.</summary>
    public static object Config(IOptions<MapOptions> options, IOptions<Demo.DemoOptions> demo, CityClock clock) => new
    {
        graphqlPath = "/graphql",
        // In demo mode the page offers the personas of /demo/personas and signs in through /demo/sign-in.
        demo = demo.Value.Enabled,
        timeZone = clock.TimeZoneId,
        basemapStyleUrl = Blank(options.Value.BasemapStyleUrl),
        basemapTileUrl = Blank(options.Value.BasemapTileUrl),
        basemapAttribution = Blank(options.Value.BasemapAttribution),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>A physical web root even when wwwroot was not built yet, so files built later are served without a restart.</summary>
    public static void EnsureWebRoot(IWebHostEnvironment environment)
    {
        if (environment.WebRootFileProvider is PhysicalFileProvider)
            return;
        var root = environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot");
        Directory.CreateDirectory(root);
        environment.WebRootPath = root;
        environment.WebRootFileProvider = new PhysicalFileProvider(root);
    }
}
