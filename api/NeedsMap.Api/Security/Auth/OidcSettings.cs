namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// <c>NeedsMap:Auth:Oidc</c>: tokens from the city's identity provider. Its discovery document names the issuer and the
/// JWKS; keys are fetched, cached and fetched again when a token names a key the cache lacks (rotation).
/// Claim names differ between providers, so each one the platform reads is configurable.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The provider's issuer URL; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's address when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The audience the provider puts in tokens for this API.</summary>
    public string? Audience { get; set; }

    /// <summary>Only for a provider on a private network in tests and development: Production refuses http metadata.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string[] Algorithms { get; set; } = ["RS256", "ES256"];

    public string SubjectClaim { get; set; } = TokenClaims.Subject;
    public string RoleClaim { get; set; } = TokenClaims.Role;
    public string JurisdictionClaim { get; set; } = TokenClaims.Jurisdiction;
    public string DepartmentClaim { get; set; } = TokenClaims.Department;
    public string ChannelClaim { get; set; } = TokenClaims.Channel;

    /// <summary>How often the discovery document and keys are fetched even when nothing asks for it.</summary>
    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The shortest time between two fetches asked for by a token signed with an unknown key (a rotation).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress);

    /// <summary>The discovery document's address.</summary>
    public string? DiscoveryAddress => !string.IsNullOrWhiteSpace(MetadataAddress) ? MetadataAddress
        : Enabled ? Authority!.TrimEnd('/') + "/.well-known/openid-configuration" : null;
}
