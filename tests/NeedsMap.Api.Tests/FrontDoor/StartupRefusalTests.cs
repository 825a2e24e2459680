using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Startup;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>
/// Production refuses to start, naming each missing or invalid setting, all at once: the checks run where the host runs
/// them (IStartupValidator, before any hosted service), on the server exactly as Program composes it.
/// </summary>
public sealed class StartupRefusalTests
{
    /// <summary>Settings under which Production starts: every failure below comes from the one setting a test changes.</summary>
    private static Dictionary<string, string?> Complete() => new()
    {
        ["ConnectionStrings:NeedsMap"] = "Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody",
        ["NeedsMap:Auth:SigningKey"] = "a-production-signing-key-of-more-than-32-bytes",
        ["NeedsMap:Privacy:EncryptionKey"] = Convert.ToBase64String(new byte[32]),
        ["NeedsMap:Plugins:IdentitySalt"] = "a-secret-salt-of-the-city",
        ["NeedsMap:Channels:Keys:12345"] = "a-channel-key-long-enough",
    };

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings, string environment = "Production")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        try
        {
            // Some settings are read while the server is composed (a value that does not convert fails there), the rest at start.
            builder.Services.AddNeedsMap(builder.Configuration);
            using var app = builder.Build();
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (Exception ex) when (StartupRefusal.Failures(ex).Any())
        {
            return [.. StartupRefusal.Failures(ex)];
        }
    }

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var settings = Complete();
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }
        return settings;
    }

    [Fact]
    public void Complete_settings_start()
    {
        Assert.Empty(Failures(Complete()));
    }

    [Theory]
    [InlineData("NeedsMap:Auth:SigningKey", null, "NeedsMap:Auth:SigningKey is missing")]
    [InlineData("NeedsMap:Auth:SigningKey", "short", "NeedsMap:Auth:SigningKey has 5 bytes")]
    [InlineData("NeedsMap:Auth:PreviousSigningKeys:0", "old-and-short", "NeedsMap:Auth:PreviousSigningKeys:0 has 13 bytes")]
    [InlineData("NeedsMap:Auth:AnonymousRole", "city_admin", "NeedsMap:Auth:AnonymousRole may only differ from 'public'")]
    [InlineData("NeedsMap:Auth:Oidc:Authority", "http://idp.city.example", "NeedsMap:Auth:Oidc:Authority is http")]
    [InlineData("NeedsMap:Auth:Oidc:Authority", "https://idp.city.example", "NeedsMap:Auth:Oidc:Audience is missing")]
    [InlineData("NeedsMap:Privacy:EncryptionKey", null, "NeedsMap:Privacy:EncryptionKey is missing")]
    [InlineData("NeedsMap:Privacy:EncryptionKey", "bm90LTMyLWJ5dGVz", "NeedsMap:Privacy: a key cannot be read")]
    [InlineData("NeedsMap:Privacy:MinimumPublicGroup", "1", "NeedsMap:Privacy:MinimumPublicGroup is 1")]
    [InlineData("NeedsMap:Channels:Keys:12345", "short-key", "NeedsMap:Channels:Keys:12345 has 9 characters")]
    [InlineData("NeedsMap:Plugins:IdentitySalt", null, "NeedsMap:Plugins:IdentitySalt is missing or shorter than 16 characters")]
    [InlineData("NeedsMap:Plugins:IdentitySalt", "needsmap-development-salt", "NeedsMap:Plugins:IdentitySalt is the published development salt")]
    [InlineData("NeedsMap:Demo:Enabled", "true", "NeedsMap:Demo:Enabled is true")]
    [InlineData("ConnectionStrings:NeedsMap", null, "ConnectionStrings:NeedsMap is missing")]
    [InlineData("NeedsMap:Cases:Similarity", "2", "NeedsMap:Cases: Days must be at least 1")]
    [InlineData("NeedsMap:Cases:Days", "seven", "Failed to convert configuration value 'seven' at 'NeedsMap:Cases:Days'")]
    [InlineData("NeedsMap:Map:BasemapTileUrl", "ftp://tiles/{z}/{x}/{y}.png", "NeedsMap:Map:BasemapTileUrl 'ftp://tiles/{z}/{x}/{y}.png' is not an http(s) URL")]
    [InlineData("NeedsMap:CrossOrigin:AllowedOrigins:0", "https://app.example.org/map", "NeedsMap:CrossOrigin:AllowedOrigins has 'https://app.example.org/map': an origin is a scheme, a host and a port only")]
    [InlineData("NeedsMap:CrossOrigin:AllowedOrigins:0", "app.example.org", "NeedsMap:CrossOrigin:AllowedOrigins has 'app.example.org'")]
    [InlineData("NeedsMap:CrossOrigin:PreflightMaxAge", "-00:01:00", "NeedsMap:CrossOrigin:PreflightMaxAge must be between")]
    public void A_missing_or_invalid_setting_is_named(string key, string? value, string expected)
    {
        var failures = Failures(With((key, value)));
        Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Any_origin_beside_listed_ones_is_named()
    {
        var failures = Failures(With(("NeedsMap:CrossOrigin:AllowedOrigins:0", "https://app.example.org"), ("NeedsMap:CrossOrigin:AllowedOrigins:1", "*")));
        Assert.Contains(failures, f => f.StartsWith("NeedsMap:CrossOrigin:AllowedOrigins lists * beside other origins", StringComparison.Ordinal));
        Assert.Empty(Failures(With(("NeedsMap:CrossOrigin:AllowedOrigins:0", "https://app.example.org"), ("NeedsMap:CrossOrigin:AllowedOrigins:1", "http://localhost:5173"))));
    }

    [Fact]
    public void A_bare_production_start_names_every_missing_setting_at_once()
    {
        var failures = Failures(new Dictionary<string, string?> { ["NeedsMap:Channels:Keys:12345"] = "short" });
        var message = StartupRefusal.Explain(new OptionsValidationException("x", typeof(object), failures), "Production")!;
        foreach (var setting in new[] { "NeedsMap:Auth:SigningKey", "NeedsMap:Privacy:EncryptionKey", "NeedsMap:Plugins:IdentitySalt",
            "NeedsMap:Channels:Keys:12345" })
        {
            Assert.Contains("  - " + setting, message, StringComparison.Ordinal);
        }
        Assert.StartsWith("NeedsMap refuses to start in the Production environment.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_and_tests_start_without_production_keys()
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:NeedsMap"] = "Host=127.0.0.1;Database=nowhere", ["NeedsMap:Demo:Enabled"] = "true" };
        Assert.Empty(Failures(settings, "Development"));
        Assert.Empty(Failures(settings, "Testing"));
    }

    [Fact]
    public async Task Start_refuses_before_any_hosted_service_touches_the_database()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(With(("NeedsMap:Privacy:EncryptionKey", null)));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddNeedsMap(builder.Configuration);
        await using var app = builder.Build();
        app.MapNeedsMap();
        // The connection string names a closed port: had anything reached the database, this would be a socket error.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        Assert.Contains("NeedsMap:Privacy:EncryptionKey", StartupRefusal.Explain(refused, "Production"), StringComparison.Ordinal);
    }
}
