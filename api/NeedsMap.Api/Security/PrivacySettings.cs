namespace NeedsMap.Api.Security;

/// <summary>Configuration section <c>NeedsMap:Privacy</c>.</summary>
public sealed class PrivacySettings
{
    public const string Section = "NeedsMap:Privacy";

    /// <summary>Public aggregates leave out groups of fewer needs than this (k-anonymity).</summary>
    public int MinimumPublicGroup { get; set; } = 5;

    /// <summary>AES-256 key for reporter contacts, base64 of 32 bytes.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>The id stored beside each ciphertext; change it with the key.</summary>
    public string EncryptionKeyId { get; set; } = "k1";

    /// <summary>Earlier keys by id, base64, kept to read contacts written before a rotation.</summary>
    public Dictionary<string, string> PreviousEncryptionKeys { get; set; } = [];

    public static PrivacySettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<PrivacySettings>() ?? new PrivacySettings();
}
