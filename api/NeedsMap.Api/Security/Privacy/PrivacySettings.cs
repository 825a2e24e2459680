namespace NeedsMap.Api.Security.Privacy;

/// <summary>Configuration section <c>NeedsMap:Privacy</c>.</summary>
public sealed class PrivacySettings
{
    public const string Section = "NeedsMap:Privacy";

    /// <summary>Public aggregates leave out groups of fewer needs than this (k-anonymity).</summary>
    public int MinimumPublicGroup { get; set; } = 5;

    /// <summary>The AES-256 key everything at rest is sealed with (<see cref="SecretBox"/>), base64 of 32 bytes.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>The id sealed with each ciphertext; change it with the key.</summary>
    public string EncryptionKeyId { get; set; } = "k1";

    /// <summary>Earlier keys by id, base64, kept to open data sealed before a rotation.</summary>
    public Dictionary<string, string> PreviousEncryptionKeys { get; set; } = [];

    /// <summary>The quarantine's key ring before the two helpers were merged (<c>Keys:&lt;0-255&gt;</c>); still read.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The quarantine's current key id before the merge; used only when <see cref="EncryptionKey"/> is not set.</summary>
    public string? CurrentKeyId { get; set; }

    public static PrivacySettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<PrivacySettings>() ?? new PrivacySettings();

    /// <summary>Every configured key by id: the current one, the previous ones and the pre-merge quarantine ring.</summary>
    public Dictionary<string, byte[]> KeyRing()
    {
        var ring = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, key) in Keys.Concat(PreviousEncryptionKeys))
        {
            ring[id] = Decode(key);
        }
        if (EncryptionKey is { Length: > 0 } current)
        {
            ring[EncryptionKeyId] = Decode(current);
        }
        if (ring.Keys.Any(id => id.Length is 0 or > 64))
        {
            throw new InvalidOperationException($"{Section}: key ids have 1 to 64 characters.");
        }
        return ring;
    }

    /// <summary>The id new data is sealed with, or null when no key is configured.</summary>
    public string? CurrentKey() =>
        EncryptionKey is { Length: > 0 } ? EncryptionKeyId
        : CurrentKeyId is { } legacy && Keys.ContainsKey(legacy) ? legacy
        : Keys.Keys.Select(k => (Id: k, Number: int.TryParse(k, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(k => k.Number >= 0).OrderByDescending(k => k.Number).Select(k => k.Id).FirstOrDefault();

    private static byte[] Decode(string base64)
    {
        var key = Convert.FromBase64String(base64);
        return key.Length == 32 ? key : throw new InvalidOperationException($"{Section}: encryption keys are base64 of 32 bytes.");
    }
}
