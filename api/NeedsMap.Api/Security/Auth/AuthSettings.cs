using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace NeedsMap.Api.Security.Auth;

/// <summary>Configuration section <c>NeedsMap:Auth</c>.</summary>
public sealed class AuthSettings
{
    public const string Section = "NeedsMap:Auth";
    public const int MinKeyBytes = 32;

    /// <summary>When false, tokens are ignored and every caller gets <see cref="AnonymousRole"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The HMAC-SHA256 key tokens are signed with, at least 32 bytes of UTF-8.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Keys still accepted for validation while tokens signed with them expire (rotation).</summary>
    public string[] PreviousSigningKeys { get; set; } = [];

    public string Issuer { get; set; } = "needsmap";
    public string Audience { get; set; } = "needsmap-graph";

    /// <summary>
    /// The role of a caller without a token: <c>public</c>. Anything else is refused at start-up outside the
    /// Testing and Development environments.
    /// </summary>
    public string AnonymousRole { get; set; } = RoleRights.Public;

    /// <summary>The city's OpenID Connect provider, whose tokens are accepted beside the HS256 ones (<c>NeedsMap:Auth:Oidc</c>).</summary>
    public OidcSettings Oidc { get; set; } = new();

    public static AuthSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AuthSettings>() ?? new AuthSettings();

    public IReadOnlyList<SecurityKey> ValidationKeys() =>
        new[] { SigningKey }.Concat(PreviousSigningKeys).Where(k => !string.IsNullOrEmpty(k)).Select(k => Key(k!)).ToList();

    public static SymmetricSecurityKey Key(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length < MinKeyBytes)
        {
            throw new InvalidOperationException($"{Section}:SigningKey must have at least {MinKeyBytes} bytes.");
        }
        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..8] };
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKeys = ValidationKeys(),
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = TokenClaims.Subject,
        RoleClaimType = TokenClaims.Role,
    };
}

public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Jurisdiction = "jurisdiction";
    public const string Channel = "channel";
    /// <summary>The department a department_staff token acts for (Dispatch/Department code).</summary>
    public const string Department = "department";
}
