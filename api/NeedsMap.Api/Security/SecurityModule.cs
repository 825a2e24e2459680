using GraphQL;
using GraphQL.Validation;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Audit;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.CrossOrigin;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Graph.Transport;

namespace NeedsMap.Api.Security;

/// <summary>
/// Issue #7: who may see what, through every door. Composes the parts of the folder in the order they always had:
/// <c>Auth/</c> (tokens, HS256 and OIDC, the caller's scope and role rights hooked into every GraphQL execution here,
/// persisted documents, the request rate limits), <c>Privacy/</c> (secrets, contact protection; its masking and
/// small-group rules in <c>PrivacyModule</c>) and <c>Audit/</c> (the log and its fields, <c>AuditModule</c>); and, in front
/// of the sign-in, <c>CrossOrigin/</c> (which other origins' pages may call from a browser).
/// </summary>
public static class SecurityModule
{
    public static IServiceCollection AddNeedsMapSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AccessScope>();
        services.AddNeedsMapCrossOrigin();
        // The relay toolkit (Graph/Relay) asks for the page limit through its own interface, so Graph needs no Security.
        services.AddScoped<IPageSizeLimit>(sp => sp.GetRequiredService<AccessScope>());
        var auth = AuthSettings.From(configuration);
        var privacy = PrivacySettings.From(configuration);
        services.AddSingleton(auth);
        services.AddSingleton(privacy);
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<SecretBox>();
        services.AddSingleton<ContactProtector>();
        services.AddSingleton<SecretRotation>();
        services.AddNeedsMapAudit();
        // One check of a token for every door: HS256 keys, and the city's identity provider when NeedsMap:Auth:Oidc is set.
        services.AddSingleton(auth.Oidc);
        services.AddSingleton<Auth.Oidc.OidcKeyCache>();
        services.AddSingleton(sp => new TokenValidator(auth, sp.GetRequiredService<TokenIssuer>(),
            auth.Oidc.Enabled ? sp.GetRequiredService<Auth.Oidc.OidcKeyCache>() : null));
        services.AddSingleton<IGraphQLUserContextBuilder, SecurityUserContextBuilder>();
        services.AddSingleton<IConnectionInitAuthorizer, SecurityConnectionInitAuthorizer>();
        services.AddSingleton<PublicSockets>();
        services.AddSingleton<ICallerPartition, CallerPartition>();

        services.PostConfigure<GraphQLTransportOptions>(o =>
        {
            o.MaxRequestBodyBytes = configuration.GetValue("NeedsMap:Limits:MaxRequestBytes", o.MaxRequestBodyBytes);
            var previous = o.ConfigureExecution;
            o.ConfigureExecution = (execution, http) =>
            {
                previous?.Invoke(execution, http);
                // Over WebSocket, RequestServices is this operation's own scope: its AccessScope is filled here.
                var services = execution.RequestServices!;
                var caller = (execution.UserContext as NeedsMapUserContext)?.Caller ?? services.GetRequiredService<CallerResolver>().Anonymous;
                services.GetRequiredService<AccessScope>().Establish(caller, services.GetRequiredService<ReferenceData>().Current, privacy.MinimumPublicGroup);
                var rule = new RoleRightsRule(caller);
                execution.ValidationRules = (execution.ValidationRules ?? DocumentValidator.CoreRules).Append(rule);
                execution.CachedDocumentValidationRules = (execution.CachedDocumentValidationRules ?? []).Append(rule);
            };
            // A public socket's subscribe messages, counted before one joins a shared run (which is not validated again).
            var previousAdmit = o.AdmitSubscribe;
            o.AdmitSubscribe = (http, userContext) => previousAdmit?.Invoke(http, userContext) ?? PublicSubscribeBudget.Admit(http);
            var previousStatus = o.RequestErrorStatusCode;
            o.RequestErrorStatusCode = error => error switch
            {
                ValidationError { Number: ErrorCodes.AuthRequired } => StatusCodes.Status401Unauthorized,
                ValidationError { Number: ErrorCodes.Forbidden } => StatusCodes.Status403Forbidden,
                _ => previousStatus?.Invoke(error),
            };
        });

        // Production runs only known documents: NeedsMap:PersistedDocuments:Only with the documents in :Folder.
        var persisted = configuration.GetSection("NeedsMap:PersistedDocuments");
        if (persisted.GetValue("Only", false) || !string.IsNullOrEmpty(persisted["Folder"]))
        {
            services.AddGraphQL(b => b.UsePersistedDocuments<PersistedDocumentFolder>(GraphQL.DI.ServiceLifetime.Singleton,
                o => o.AllowOnlyPersistedDocuments = persisted.GetValue("Only", false)));
        }

        // Requests a minute per caller and per channel, counted without a timer (Security/Auth/RateLimits).
        services.AddSingleton<Auth.RateLimits.FixedWindowCounters>();
        return services;
    }

    public static WebApplication UseNeedsMapSecurity(this WebApplication app)
    {
        app.UseNeedsMapCrossOrigin();
        // AnonymousRole (public outside Testing and Development) is checked at start with every other setting: Startup/SettingsRules.
        app.UseMiddleware<SecurityMiddleware>();
        app.UseMiddleware<Auth.RateLimits.RequestRateLimitMiddleware>();
        return app;
    }
}
