namespace NeedsMap.Api.OpenApi;

/// <summary>
/// Issue #19, item 3: an OpenAPI document of every REST route at <c>/openapi/v1.json</c>, from Microsoft.AspNetCore.OpenApi
/// plus <see cref="RouteDocs"/> and <see cref="DocumentDescription"/>; <c>openapi.json</c> at the repository root is its
/// committed copy (a test compares them).
/// </summary>
public static class OpenApiModule
{
    public const string DocumentName = "v1";
    public const string Path = "/openapi/v1.json";

    public static IServiceCollection AddNeedsMapOpenApi(this IServiceCollection services) => services.AddOpenApi(DocumentName, o =>
    {
        o.AddDocumentTransformer(DocumentDescription.ApplyAsync);
        o.AddOperationTransformer(RouteDescriptions.ApplyAsync);
        o.AddSchemaTransformer(RouteDescriptions.SnakeCaseOpen311Async);
    });

    public static WebApplication MapNeedsMapOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
