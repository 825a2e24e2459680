using System.Text;
using NeedsMap.Api.Cases;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Classification;
using NeedsMap.Api.Common.Settings;
using NeedsMap.Api.Data;
using NeedsMap.Api.Demo;
using NeedsMap.Api.KeyMatters.Events;
using NeedsMap.Api.Loop.Shared;
using NeedsMap.Api.Operations.Health;
using NeedsMap.Api.Operations.Telemetry;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.CrossOrigin;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Web;

namespace NeedsMap.Api.Startup;

/// <summary>
/// The rule of every settings class, one method each. A failure starts with the setting's full name and says what to
/// set, because it is read by whoever has to fix the deployment.
/// </summary>
internal static class SettingsRules
{
    /// <summary>Channel keys shorter than this are guessable; Production refuses them.</summary>
    public const int MinChannelKeyLength = 16;
    public const string DevelopmentSalt = "needsmap-development-salt";

    public static IServiceCollection AddNeedsMapSettingsChecks(this IServiceCollection services, IConfiguration configuration) => services
        .AddCheckedSettings<AuthSettings>(configuration, AuthSettings.Section, Auth)
        .AddCheckedSettings<PrivacySettings>(configuration, PrivacySettings.Section, Privacy)
        .AddCheckedSettings<ChannelSettings>(configuration, ChannelSettings.Section, Channels)
        .AddCheckedSettings<ChannelPluginOptions>(configuration, "NeedsMap:Plugins", Plugins)
        .AddCheckedSettings<DemoOptions>(configuration, DemoOptions.Section, Demo)
        .AddCheckedSettings<MapOptions>(configuration, MapOptions.Section, Map)
        .AddCheckedSettings<LoopOptions>(configuration, "NeedsMap:Loop", Loop)
        .AddCheckedSettings<CaseOptions>(configuration, CaseOptions.Section, Cases)
        .AddCheckedSettings<ClassifierSettings>(configuration, ClassifierSettings.Section, Classifier)
        .AddCheckedSettings<KeyMatterEventOptions>(configuration, KeyMatterEventOptions.Section, KeyMatterEvents)
        .AddCheckedSettings<PublicViewOptions>(configuration, PublicViewOptions.Section, PublicView)
        .AddCheckedSettings<OperationsSettings>(configuration, OperationsSettings.Section, Operations)
        .AddCheckedSettings<TelemetrySettings>(configuration, TelemetrySettings.Section, Telemetry)
        .AddCheckedSettings<CrossOriginSettings>(configuration, CrossOriginSettings.Section, CrossOrigin)
        .AddCheckedSettings<DatabaseSettings>(o => o.ConnectionString = DatabaseRegistration.FindConnectionString(configuration), Database);

    private static IEnumerable<string> Auth(AuthSettings s, SettingsCheck check)
    {
        const string p = AuthSettings.Section;
        foreach (var (name, key) in new[] { ("SigningKey", s.SigningKey) }.Concat(s.PreviousSigningKeys.Select((k, i) => ($"PreviousSigningKeys:{i}", (string?)k))))
        {
            if (key is { Length: > 0 } && Encoding.UTF8.GetByteCount(key) < AuthSettings.MinKeyBytes)
            {
                yield return $"{p}:{name} has {Encoding.UTF8.GetByteCount(key)} bytes; it needs at least {AuthSettings.MinKeyBytes} (openssl rand -base64 48).";
            }
        }
        if (string.IsNullOrWhiteSpace(s.Issuer) || string.IsNullOrWhiteSpace(s.Audience))
        {
            yield return $"{p}:Issuer and {p}:Audience may not be empty.";
        }
        if (!RoleRights.Exists(s.AnonymousRole))
        {
            yield return $"{p}:AnonymousRole '{s.AnonymousRole}' is not a role; roles: {string.Join(", ", RoleRights.All.Select(r => r.Role))}.";
        }
        else if (s.AnonymousRole != RoleRights.Public && !(check.Environment.IsDevelopment() || check.Environment.IsEnvironment("Testing")))
        {
            yield return $"{p}:AnonymousRole may only differ from 'public' in the Testing or Development environment (it is '{s.AnonymousRole}').";
        }
        if (check.Production && s.Enabled && string.IsNullOrEmpty(s.SigningKey) && !s.Oidc.Enabled)
        {
            yield return $"{p}:SigningKey is missing and {p}:Oidc:Authority is not set: nobody could sign in. Set a key of at least "
                + $"{AuthSettings.MinKeyBytes} bytes (openssl rand -base64 48), or the city's identity provider.";
        }
        foreach (var failure in Oidc(s.Oidc, check))
        {
            yield return failure;
        }
    }

    private static IEnumerable<string> Oidc(OidcSettings o, SettingsCheck check)
    {
        const string p = AuthSettings.Section + ":Oidc";
        if (!o.Enabled)
        {
            yield break;
        }
        foreach (var (name, value) in new[] { ("Authority", o.Authority), ("MetadataAddress", o.MetadataAddress) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            {
                yield return $"{p}:{name} '{value}' is not an absolute http(s) URL.";
            }
            else if (!string.IsNullOrWhiteSpace(value) && value.StartsWith("http:", StringComparison.OrdinalIgnoreCase) && o.RequireHttpsMetadata)
            {
                yield return $"{p}:{name} is http: use https, or set {p}:RequireHttpsMetadata to false outside Production.";
            }
        }
        if (check.Production && !o.RequireHttpsMetadata)
        {
            yield return $"{p}:RequireHttpsMetadata is false: Production fetches the provider's keys over https only.";
        }
        if (string.IsNullOrWhiteSpace(o.Audience))
        {
            yield return $"{p}:Audience is missing: the audience the provider puts in tokens for this API.";
        }
        var unknown = o.Algorithms.Where(a => a is not ("RS256" or "RS384" or "RS512" or "ES256" or "ES384" or "ES512" or "PS256")).ToList();
        if (o.Algorithms.Length == 0 || unknown.Count > 0)
        {
            yield return $"{p}:Algorithms takes RS256, RS384, RS512, ES256, ES384, ES512 or PS256 (got {string.Join(", ", unknown.DefaultIfEmpty("none"))}).";
        }
        foreach (var (name, value) in new[] { ("SubjectClaim", o.SubjectClaim), ("RoleClaim", o.RoleClaim), ("JurisdictionClaim", o.JurisdictionClaim),
            ("DepartmentClaim", o.DepartmentClaim), ("ChannelClaim", o.ChannelClaim) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{p}:{name} may not be empty.";
            }
        }
        if (o.RefreshInterval < TimeSpan.Zero || o.AutomaticRefreshInterval <= TimeSpan.Zero)
        {
            yield return $"{p}:RefreshInterval may not be negative and {p}:AutomaticRefreshInterval must be positive.";
        }
    }

    private static IEnumerable<string> Privacy(PrivacySettings s, SettingsCheck check)
    {
        const string p = PrivacySettings.Section;
        string? ringFailure = null;
        try
        {
            s.KeyRing();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            ringFailure = $"{p}: a key cannot be read ({ex.Message}); keys are the base64 of 32 random bytes (openssl rand -base64 32).";
        }
        if (ringFailure is not null)
        {
            yield return ringFailure;
        }
        if (check.Production && s.CurrentKey() is null)
        {
            yield return $"{p}:EncryptionKey is missing: reporter contacts and quarantined payloads would have no key to be sealed with. "
                + "Set the base64 of 32 random bytes (openssl rand -base64 32).";
        }
        if (s.MinimumPublicGroup < 1 || (check.Production && s.MinimumPublicGroup < 2))
        {
            yield return $"{p}:MinimumPublicGroup is {s.MinimumPublicGroup}; public aggregates need groups of at least 2 (default 5).";
        }
    }

    private static IEnumerable<string> Channels(ChannelSettings s, SettingsCheck check)
    {
        foreach (var (code, key) in s.Keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                yield return $"{ChannelSettings.Section}:Keys:{code} is empty.";
            }
            else if (check.Production && key.Length < MinChannelKeyLength)
            {
                yield return $"{ChannelSettings.Section}:Keys:{code} has {key.Length} characters; a channel key needs at least {MinChannelKeyLength}.";
            }
        }
    }

    private static IEnumerable<string> Plugins(ChannelPluginOptions o, SettingsCheck check)
    {
        const string p = "NeedsMap:Plugins";
        if (string.IsNullOrWhiteSpace(o.Root))
        {
            yield return $"{p}:Root may not be empty.";
        }
        if (o.CallTimeout <= TimeSpan.Zero || o.ScanInterval <= TimeSpan.Zero || o.PullInterval <= TimeSpan.Zero)
        {
            yield return $"{p}:CallTimeout, ScanInterval and PullInterval must be positive.";
        }
        if (check.Production && (string.IsNullOrWhiteSpace(o.IdentitySalt) || o.IdentitySalt == DevelopmentSalt || o.IdentitySalt.Length < 16))
        {
            yield return $"{p}:IdentitySalt is {(o.IdentitySalt == DevelopmentSalt ? "the published development salt" : "missing or shorter than 16 characters")}: "
                + "reporters' phone numbers hashed with a known salt can be recovered. Set a secret of at least 16 characters, the same on every server.";
        }
    }

    private static IEnumerable<string> Demo(DemoOptions o, SettingsCheck check)
    {
        if (check.Production && o.Enabled)
        {
            yield return $"{DemoOptions.Section}:Enabled is true: demo sign-in lets anyone act as any role, so Production refuses it. "
                + "Run the demo in the Development environment (scripts/run does).";
        }
        if (o.TokenLifetime <= TimeSpan.Zero || o.TokenLifetime > TimeSpan.FromDays(7))
        {
            yield return $"{DemoOptions.Section}:TokenLifetime takes more than zero and at most 7 days.";
        }
    }

    private static IEnumerable<string> Map(MapOptions o, SettingsCheck check)
    {
        foreach (var (name, value) in new[] { ("BasemapStyleUrl", o.BasemapStyleUrl), ("BasemapTileUrl", o.BasemapTileUrl) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !(Uri.TryCreate(value.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal),
                    UriKind.RelativeOrAbsolute, out var uri) && (!uri.IsAbsoluteUri || uri.Scheme is "https" or "http")))
            {
                yield return $"{MapOptions.Section}:{name} '{value}' is not an http(s) URL.";
            }
        }
    }

    private static IEnumerable<string> Loop(LoopOptions o, SettingsCheck check)
    {
        if (o.EscalationInterval < TimeSpan.Zero || o.ReopenWindow < TimeSpan.Zero)
        {
            yield return "NeedsMap:Loop:EscalationInterval and ReopenWindow may not be negative.";
        }
        if (o.DefaultSupportThreshold < 1)
        {
            yield return "NeedsMap:Loop:DefaultSupportThreshold must be at least 1.";
        }
    }

    private static IEnumerable<string> Cases(CaseOptions o, SettingsCheck check)
    {
        if (o.Days < 1 || o.Metres <= 0 || o.Similarity is <= 0 or > 1)
        {
            yield return $"{CaseOptions.Section}: Days must be at least 1, Metres positive and Similarity in (0, 1].";
        }
    }

    private static IEnumerable<string> Classifier(ClassifierSettings o, SettingsCheck check)
    {
        const string p = ClassifierSettings.Section;
        if (o.ReviewThreshold is < 0 or > 1)
        {
            yield return $"{p}:ReviewThreshold takes 0 to 1.";
        }
        if (string.IsNullOrWhiteSpace(o.ModelFolder))
        {
            yield return $"{p}:ModelFolder may not be empty.";
        }
        if (o.LexiconPath is { Length: > 0 } lexicon && !File.Exists(Path.GetFullPath(lexicon)) && !File.Exists(Path.Combine(check.Environment.ContentRootPath, lexicon)))
        {
            yield return $"{p}:LexiconPath names {lexicon}, which does not exist.";
        }
        if (o.CorpusGeneratedPerCategory < 0 || o.CorpusHandWrittenPerCategory < 0 || o.ActiveModelCheckInterval <= TimeSpan.Zero || o.MaxTrainingSetBytes < 1)
        {
            yield return $"{p}: corpus sizes may not be negative and ActiveModelCheckInterval and MaxTrainingSetBytes must be positive.";
        }
    }

    private static IEnumerable<string> KeyMatterEvents(KeyMatterEventOptions o, SettingsCheck check)
    {
        if (o.DebounceMilliseconds < 0)
        {
            yield return $"{KeyMatterEventOptions.Section}:DebounceMilliseconds may not be negative.";
        }
    }

    private static IEnumerable<string> PublicView(PublicViewOptions o, SettingsCheck check)
    {
        const string p = PublicViewOptions.Section;
        if (o.MaxSocketsPerAddress < 1 || o.MaxSockets < o.MaxSocketsPerAddress || o.SubscribesPerMinute < 1)
        {
            yield return $"{p}: MaxSocketsPerAddress and SubscribesPerMinute must be at least 1, MaxSockets at least MaxSocketsPerAddress.";
        }
    }

    private static IEnumerable<string> Operations(OperationsSettings o, SettingsCheck check)
    {
        const string p = OperationsSettings.Section;
        if (o.MaxRollupBacklog < 1)
        {
            yield return $"{p}:MaxRollupBacklog must be at least 1 (pending need changes above which the server is not ready).";
        }
        if (o.DrainDelay < TimeSpan.Zero || o.DrainDelay > TimeSpan.FromMinutes(5))
        {
            yield return $"{p}:DrainDelay must be between 00:00:00 and 00:05:00.";
        }
    }

    private static IEnumerable<string> CrossOrigin(CrossOriginSettings o, SettingsCheck check)
    {
        const string p = CrossOriginSettings.Section;
        var origins = o.AllowedOrigins ?? [];
        if (origins.Contains(CrossOriginSettings.AnyOrigin) && origins.Count > 1)
        {
            yield return $"{p}:AllowedOrigins lists * beside other origins: * already allows every origin; list either * or the origins.";
        }
        foreach (var origin in origins.Where(x => x != CrossOriginSettings.AnyOrigin))
        {
            // As a browser sends it: no path, no trailing slash, no default port, the host in lower case.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != origin)
            {
                yield return $"{p}:AllowedOrigins has '{origin}': an origin is a scheme, a host and a port only, such as https://app.example.org or http://localhost:5173.";
            }
        }
        if (o.PreflightMaxAge < TimeSpan.Zero || o.PreflightMaxAge > TimeSpan.FromHours(24))
        {
            yield return $"{p}:PreflightMaxAge must be between 00:00:00 and 1.00:00:00.";
        }
    }

    private static IEnumerable<string> Telemetry(TelemetrySettings o, SettingsCheck check)
    {
        const string p = TelemetrySettings.Section;
        if (!string.IsNullOrEmpty(o.MetricsPath) && !o.MetricsPath.StartsWith('/'))
        {
            yield return $"{p}:MetricsPath must start with / (or be empty to turn the scrape endpoint off).";
        }
        if (!string.IsNullOrEmpty(o.OtlpEndpoint) && !(Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return $"{p}:OtlpEndpoint must be an http(s) address of an OTLP collector.";
        }
    }

    private static IEnumerable<string> Database(DatabaseSettings o, SettingsCheck check)
    {
        if (string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            yield return "ConnectionStrings:NeedsMap is missing (or NEEDSMAP_DB): the Npgsql connection string of a PostgreSQL with PostGIS.";
        }
    }
}

/// <summary><c>NeedsMap:Channels</c>: push keys by channel code (Channels/Inbox/ChannelKeys reads them per request).</summary>
internal sealed class ChannelSettings
{
    public const string Section = "NeedsMap:Channels";

    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The database: <c>ConnectionStrings:NeedsMap</c>, else <c>NEEDSMAP_DB</c>.</summary>
internal sealed class DatabaseSettings
{
    public string? ConnectionString { get; set; }
}
