using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>
/// A stand-in for the city's identity provider, served by the test on its own port (no internet): the discovery document
/// and a JWKS whose keys the test can rotate, an RSA and an EC key at a time, and tokens signed with them.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile KeyPair _keys = new(SigningKey.NewRsa(), SigningKey.NewEc());
    private int _jwksFetches;

    public OidcProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object?>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref _jwksFetches);
            var keys = _keys;
            return Results.Json(new { keys = new[] { keys.Rsa.Jwk(), keys.Ec.Jwk() } });
        });
        _app.Start();
        Issuer = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public const string Audience = "needsmap-api";

    public string Issuer { get; }

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>Replaces both keys: the JWKS then holds only the new ones.</summary>
    public (SigningKey OldRsa, SigningKey OldEc) Rotate()
    {
        var old = _keys;
        _keys = new KeyPair(SigningKey.NewRsa(), SigningKey.NewEc());
        return (old.Rsa, old.Ec);
    }

    public SigningKey Rsa => _keys.Rsa;
    public SigningKey Ec => _keys.Ec;

    /// <summary>A token as the provider issues it, with its own claim names: roles (a list), org_unit, dept.</summary>
    public string Issue(SigningKey key, string subject, string[] roles, string? orgUnit = null, string? dept = null, string? issuer = null,
        string audience = Audience, TimeSpan? lifetime = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["roles"] = roles };
        if (orgUnit is not null)
        {
            claims["org_unit"] = orgUnit;
        }
        if (dept is not null)
        {
            claims["dept"] = dept;
        }
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            Claims = claims,
            SigningCredentials = key.Credentials,
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record KeyPair(SigningKey Rsa, SigningKey Ec);
}

/// <summary>A private key the provider signs with and the public half it publishes.</summary>
public sealed class SigningKey
{
    private SigningKey(SigningCredentials credentials, Func<object> jwk)
    {
        Credentials = credentials;
        Jwk = jwk;
    }

    public SigningCredentials Credentials { get; }

    public Func<object> Jwk { get; }

    public static SigningKey NewRsa()
    {
        var rsa = RSA.Create(2048);
        var kid = "rsa-" + Guid.NewGuid().ToString("N")[..8];
        var p = rsa.ExportParameters(false);
        return new SigningKey(new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
            () => new { kty = "RSA", use = "sig", alg = "RS256", kid, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) });
    }

    public static SigningKey NewEc()
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = "ec-" + Guid.NewGuid().ToString("N")[..8];
        var p = ec.ExportParameters(false);
        return new SigningKey(new SigningCredentials(new ECDsaSecurityKey(ec) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
            () => new { kty = "EC", use = "sig", alg = "ES256", kid, crv = "P-256", x = Base64UrlEncoder.Encode(p.Q.X), y = Base64UrlEncoder.Encode(p.Q.Y) });
    }
}
