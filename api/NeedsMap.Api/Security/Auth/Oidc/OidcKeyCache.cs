using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace NeedsMap.Api.Security.Auth.Oidc;

/// <summary>
/// The identity provider's discovery document and signing keys (JWKS), fetched on first use and kept. A token signed with
/// a key the cache lacks (the provider rotated its keys) fetches them again, at most once per
/// <see cref="OidcSettings.RefreshInterval"/>, and the token is checked once more; they are fetched every
/// <see cref="OidcSettings.AutomaticRefreshInterval"/> anyway. The fetch is awaited, so the first token signed with a new
/// key is accepted, not only those after it.
/// </summary>
public sealed class OidcKeyCache(OidcSettings settings, TimeProvider time, ILogger<OidcKeyCache> logger) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// <summary>The cached configuration, fetched when there is none or it is older than the automatic interval; null when the provider cannot be reached.</summary>
    public async Task<OpenIdConnectConfiguration?> CurrentAsync(CancellationToken cancellationToken) =>
        _current is { } current && time.GetUtcNow() - _fetchedAt < settings.AutomaticRefreshInterval
            ? current
            : await FetchAsync(minimumAge: TimeSpan.Zero, cancellationToken);

    /// <summary>Fetches again for a token whose key was not found, unless the last fetch is more recent than the refresh interval.</summary>
    public Task<OpenIdConnectConfiguration?> RefreshAsync(CancellationToken cancellationToken) =>
        FetchAsync(settings.RefreshInterval, cancellationToken);

    private async Task<OpenIdConnectConfiguration?> FetchAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        var seen = _fetchedAt;
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            // Another caller fetched while this one waited, or fetched too recently to ask the provider again.
            if (_current is not null && (_fetchedAt != seen || time.GetUtcNow() - _fetchedAt < minimumAge))
            {
                return _current;
            }
            var retriever = new HttpDocumentRetriever(_http) { RequireHttps = settings.RequireHttpsMetadata };
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(settings.DiscoveryAddress!, retriever, cancellationToken);
            (_current, _fetchedAt) = (configuration, time.GetUtcNow());
            logger.LogInformation("Fetched the identity provider's configuration from {Address}: issuer {Issuer}, {Keys} signing keys",
                settings.DiscoveryAddress, configuration.Issuer, configuration.SigningKeys.Count);
            return configuration;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException or TaskCanceledException
            or System.Text.Json.JsonException or ArgumentException)
        {
            logger.LogWarning(ex, "The identity provider's configuration could not be fetched from {Address}", settings.DiscoveryAddress);
            return _current;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _fetching.Dispose();
    }
}
