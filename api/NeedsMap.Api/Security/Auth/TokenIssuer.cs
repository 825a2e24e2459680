using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NeedsMap.Api.Security.Auth;

/// <summary>Issues and checks the API's HMAC-signed JWTs; the same rules as the bearer handler.</summary>
public sealed class TokenIssuer(AuthSettings settings)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public string Issue(string subject, string role, string? jurisdiction, string? channel, TimeSpan lifetime, DateTime? now = null,
        string? department = null)
    {
        if (!RoleRights.Exists(role))
        {
            throw new ArgumentException($"No role is called \"{role}\"; roles: {string.Join(", ", RoleRights.All.Select(r => r.Role))}.", nameof(role));
        }
        var key = settings.SigningKey is { Length: > 0 } k ? AuthSettings.Key(k)
            : throw new InvalidOperationException($"Set {AuthSettings.Section}:SigningKey to issue tokens.");
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object> { [TokenClaims.Subject] = subject, [TokenClaims.Role] = role };
        if (jurisdiction is not null)
        {
            claims[TokenClaims.Jurisdiction] = jurisdiction;
        }
        if (channel is not null)
        {
            claims[TokenClaims.Channel] = channel;
        }
        if (department is not null)
        {
            claims[TokenClaims.Department] = department;
        }
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The token's principal, or null when it is forged, expired or malformed.</summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(string token)
    {
        if (settings.ValidationKeys().Count == 0 || token.Length > 8192)
        {
            return null;
        }
        var result = await _handler.ValidateTokenAsync(token, settings.ValidationParameters());
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }
}
