using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Security.CrossOrigin;

/// <summary>
/// Pages on other origins calling the API from a browser (<see cref="CrossOriginSettings"/>): preflights answered before
/// any sign-in or rate limit looks at the request, and every answer, refusals and failures included, readable by the page
/// with the headers a client needs (<c>ETag</c> to revalidate a tile, <c>Retry-After</c> after a 429 or 503).
/// </summary>
public static class CrossOriginModule
{
    /// <summary>Response headers a page on another origin may read besides the always-readable ones.</summary>
    public static readonly string[] ExposedHeaders =
        ["ETag", "Retry-After", "WWW-Authenticate", "Content-Disposition", "X-Export-Rows", "Location"];

    public static IServiceCollection AddNeedsMapCrossOrigin(this IServiceCollection services) => services.AddCors();

    /// <summary>Before the security middleware: a preflight carries no token and must not be counted or refused.</summary>
    public static WebApplication UseNeedsMapCrossOrigin(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<CrossOriginSettings>>().Value;
        // A caller without a token who is more than the public (NeedsMap:Auth:AnonymousRole, Development and Testing only):
        // any page its developer opens could read what that role sees, so then only listed origins are answered, never *.
        var anonymousIsPublic = app.Services.GetRequiredService<AuthSettings>().AnonymousRole == RoleRights.Public;
        if (settings.Enabled && (anonymousIsPublic || !settings.AllowsAnyOrigin))
        {
            app.UseCors(policy => Configure(policy, settings));
        }
        return app;
    }

    private static void Configure(CorsPolicyBuilder policy, CrossOriginSettings settings)
    {
        policy.WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post)
            // Authorization and Content-Type above all; any other a client sends (traceparent, If-None-Match) too.
            .AllowAnyHeader()
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(settings.PreflightMaxAge);
        // No credentials: the API reads no cookie, so a page never needs the browser to send one.
        if (settings.AllowsAnyOrigin)
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins([.. settings.AllowedOrigins!]);
        }
    }
}
