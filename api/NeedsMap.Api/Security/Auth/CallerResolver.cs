using System.Security.Claims;

namespace NeedsMap.Api.Security.Auth;

/// <summary>Turns a validated principal (or none) into a <see cref="Caller"/>.</summary>
public sealed class CallerResolver(AuthSettings settings)
{
    public Caller Anonymous { get; } = new("anonymous", settings.AnonymousRole, null, null, Authenticated: false);

    public Caller From(ClaimsPrincipal? principal)
    {
        if (!settings.Enabled || principal?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        var role = principal.FindFirstValue(TokenClaims.Role);
        var subject = principal.FindFirstValue(TokenClaims.Subject);
        if (role is null || !RoleRights.Exists(role) || string.IsNullOrWhiteSpace(subject))
        {
            // A signed token with an unknown role grants nothing beyond the public view.
            return new Caller(subject ?? "unknown", RoleRights.Public, null, null, Authenticated: true);
        }
        return new Caller(subject, role, principal.FindFirstValue(TokenClaims.Jurisdiction), principal.FindFirstValue(TokenClaims.Channel), Authenticated: true,
            principal.FindFirstValue(TokenClaims.Department));
    }
}
