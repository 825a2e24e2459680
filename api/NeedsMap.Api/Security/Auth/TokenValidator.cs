using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NeedsMap.Api.Security.Auth.Oidc;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// Every door's one check of a bearer token (HTTP requests, WebSocket connection_init): the platform's own HS256 tokens
/// (<see cref="TokenIssuer"/>), and, with <c>NeedsMap:Auth:Oidc</c> set, tokens of the city's identity provider (RS256,
/// ES256) with its issuer and this API's audience. A provider token's claims are renamed to the platform's
/// (<see cref="TokenClaims"/>) through the configured claim names, so everything after this sees one shape.
/// </summary>
public sealed class TokenValidator(AuthSettings settings, TokenIssuer local, OidcKeyCache? oidcKeys = null)
{
    private const int MaxTokenLength = 8192;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The token's principal, or null when it is malformed, expired, forged, or for another issuer or audience.</summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length is 0 or > MaxTokenLength || !_handler.CanReadToken(token))
        {
            return null;
        }
        string algorithm;
        try
        {
            algorithm = _handler.ReadJsonWebToken(token).Alg;
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (algorithm == SecurityAlgorithms.HmacSha256 || !settings.Oidc.Enabled || oidcKeys is null)
        {
            return await local.ValidateAsync(token);
        }
        return await ValidateProviderTokenAsync(token, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> ValidateProviderTokenAsync(string token, CancellationToken cancellationToken)
    {
        var configuration = await oidcKeys!.CurrentAsync(cancellationToken);
        if (configuration is null)
        {
            return null;
        }
        var result = await _handler.ValidateTokenAsync(token, ProviderParameters(configuration));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Signed with a key the cache does not hold: the provider may have rotated its keys.
            var refreshed = await oidcKeys.RefreshAsync(cancellationToken);
            if (refreshed is not null && !ReferenceEquals(refreshed, configuration))
            {
                result = await _handler.ValidateTokenAsync(token, ProviderParameters(refreshed));
            }
        }
        return result.IsValid ? new ClaimsPrincipal(Rename(result.ClaimsIdentity)) : null;
    }

    private TokenValidationParameters ProviderParameters(Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidAudience = settings.Oidc.Audience,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidAlgorithms = settings.Oidc.Algorithms,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = settings.Oidc.SubjectClaim,
    };

    /// <summary>The provider's claims under the platform's names; a role claim with several values keeps the first that is a platform role.</summary>
    private ClaimsIdentity Rename(ClaimsIdentity identity)
    {
        var oidc = settings.Oidc;
        var claims = new List<Claim>();
        void Copy(string from, string to)
        {
            if (identity.FindFirst(from)?.Value is { Length: > 0 } value)
            {
                claims.Add(new Claim(to, value));
            }
        }
        Copy(oidc.SubjectClaim, TokenClaims.Subject);
        var roles = identity.FindAll(oidc.RoleClaim).Select(c => c.Value).ToList();
        if ((roles.FirstOrDefault(RoleRights.Exists) ?? roles.FirstOrDefault()) is { } role)
        {
            claims.Add(new Claim(TokenClaims.Role, role));
        }
        Copy(oidc.JurisdictionClaim, TokenClaims.Jurisdiction);
        Copy(oidc.DepartmentClaim, TokenClaims.Department);
        Copy(oidc.ChannelClaim, TokenClaims.Channel);
        return new ClaimsIdentity(claims, "oidc", TokenClaims.Subject, TokenClaims.Role);
    }
}
