using System.Security.Cryptography;
using System.Text;

namespace NeedsMap.Api.Security.Privacy;

/// <summary>
/// The one AES-256-GCM helper for data at rest that may hold personal data (reporter contacts, quarantined payloads).
/// One key ring with string key ids (<see cref="PrivacySettings"/>): new data is sealed with the current key, older data
/// opens while its key stays configured, and <see cref="SecretRotation"/> re-seals it under the current key.
/// <para>
/// Format: "NM" 0x02 | id length (1) | key id (UTF-8) | nonce (12) | tag (16) | ciphertext, with "needsmap:{purpose}:{key id}"
/// as associated data, so a ciphertext cannot be moved to another purpose or relabelled with another key id.
/// Two older formats stay readable: quarantine's key id (1 byte) | nonce | tag | ciphertext, and contacts' nonce | tag |
/// ciphertext with the key id in its own column and "needsmap-contact:{key id}" as associated data.
/// </para>
/// </summary>
public sealed class SecretBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Magic = "NM\u0002"u8.ToArray();
    private const string DevelopmentKeyId = "0";
    private readonly Dictionary<string, byte[]> _keys;

    public SecretBox(PrivacySettings settings, IHostEnvironment environment)
    {
        _keys = settings.KeyRing();
        if (settings.CurrentKey() is { } current)
        {
            CurrentKeyId = current;
            HasConfiguredKey = true;
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException($"Set {PrivacySettings.Section}:EncryptionKey to a base64 32-byte key (and EncryptionKeyId).");
        }
        else
        {
            // Development and tests without a key seal quarantined payloads with a fixed, published key; contacts are
            // dropped instead (HasConfiguredKey). Never in production (see above).
            CurrentKeyId = DevelopmentKeyId;
        }
        if (!environment.IsProduction())
        {
            // Id "0", as the first SecretBox had, so development rows sealed before a key was configured still open.
            _keys.TryAdd(DevelopmentKeyId, SHA256.HashData(Encoding.UTF8.GetBytes("needsmap-development-key")));
        }
    }

    public string CurrentKeyId { get; }

    /// <summary>Whether the current key was configured, rather than the development fallback.</summary>
    public bool HasConfiguredKey { get; }

    public byte[] Seal(string plaintext, string purpose) => Seal(Encoding.UTF8.GetBytes(plaintext), purpose);

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var id = Encoding.UTF8.GetBytes(CurrentKeyId);
        var header = Magic.Length + 1 + id.Length;
        var output = new byte[header + NonceSize + TagSize + plaintext.Length];
        Magic.CopyTo(output, 0);
        output[Magic.Length] = (byte)id.Length;
        id.CopyTo(output, Magic.Length + 1);
        var nonce = output.AsSpan(header, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[CurrentKeyId], TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(header + NonceSize + TagSize), output.AsSpan(header + NonceSize, TagSize), Aad(purpose, CurrentKeyId));
        return output;
    }

    public string OpenText(byte[] sealedData, string purpose, string? legacyKeyId = null) => Encoding.UTF8.GetString(Open(sealedData, purpose, legacyKeyId));

    /// <param name="legacyKeyId">For contacts written before the merge: the key id kept in their own column.</param>
    /// <exception cref="CryptographicException">The key is not configured, or the data was altered.</exception>
    public byte[] Open(byte[] sealedData, string purpose, string? legacyKeyId = null)
    {
        if (KeyIdOf(sealedData) is { } id && _keys.TryGetValue(id, out var key))
        {
            var header = Magic.Length + 1 + Encoding.UTF8.GetByteCount(id);
            if (TryDecrypt(key, sealedData.AsSpan(header), Aad(purpose, id), out var plain))
            {
                return plain;
            }
        }
        // Not (validly) the current format: a legacy row. GCM's tag tells a wrong reading from a right one.
        if (purpose == SecretPurpose.Contact && legacyKeyId is not null && _keys.TryGetValue(legacyKeyId, out var contactKey)
            && TryDecrypt(contactKey, sealedData, Encoding.UTF8.GetBytes("needsmap-contact:" + legacyKeyId), out var contact))
        {
            return contact;
        }
        if (purpose == SecretPurpose.Quarantine && sealedData.Length > 0
            && _keys.TryGetValue(sealedData[0].ToString(System.Globalization.CultureInfo.InvariantCulture), out var quarantineKey)
            && TryDecrypt(quarantineKey, sealedData.AsSpan(1), [], out var raw))
        {
            return raw;
        }
        throw new CryptographicException("The data was sealed with a key that is not configured, or it was altered.");
    }

    /// <summary>The key id of data in the current format; null for the older formats.</summary>
    public static string? KeyIdOf(byte[] sealedData)
    {
        if (sealedData.Length < Magic.Length + 1 || !sealedData.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }
        var length = sealedData[Magic.Length];
        return length > 0 && sealedData.Length >= Magic.Length + 1 + length + NonceSize + TagSize
            ? Encoding.UTF8.GetString(sealedData, Magic.Length + 1, length)
            : null;
    }

    /// <summary>Whether the data should be re-sealed: an older format, or a key other than the current one.</summary>
    public bool IsStale(byte[] sealedData) => KeyIdOf(sealedData) != CurrentKeyId;

    private static bool TryDecrypt(byte[] key, ReadOnlySpan<byte> body, byte[] aad, out byte[] plain)
    {
        plain = [];
        if (body.Length < NonceSize + TagSize)
        {
            return false;
        }
        var output = new byte[body.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(body[..NonceSize], body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), output, aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        plain = output;
        return true;
    }

    private static byte[] Aad(string purpose, string keyId) => Encoding.UTF8.GetBytes($"needsmap:{purpose}:{keyId}");
}

/// <summary>What a sealed value is for; part of its associated data.</summary>
public static class SecretPurpose
{
    public const string Contact = "contact";
    public const string Quarantine = "quarantine";
}
