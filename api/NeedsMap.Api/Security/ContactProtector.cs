using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NeedsMap.Api.Needs;

namespace NeedsMap.Api.Security;

/// <summary>
/// AES-256-GCM for reporter contacts. Stored as nonce (12) ‖ tag (16) ‖ ciphertext, with the key id in its own
/// column so keys can rotate: new contacts use the current key, old ones still open with the previous keys.
/// </summary>
public sealed class ContactProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly string _currentKeyId;

    public ContactProtector(PrivacySettings settings)
    {
        _currentKeyId = settings.EncryptionKeyId;
        foreach (var (id, key) in settings.PreviousEncryptionKeys)
        {
            _keys[id] = Decode(key);
        }
        if (settings.EncryptionKey is { Length: > 0 } current)
        {
            _keys[_currentKeyId] = Decode(current);
        }
    }

    /// <summary>Whether contacts can be stored; without a key they are dropped rather than kept in clear.</summary>
    public bool CanEncrypt => _keys.ContainsKey(_currentKeyId);

    public (byte[] Ciphertext, string KeyId)? Encrypt(ReporterContact? contact, long needIdentity = 0)
    {
        if (contact is null || !CanEncrypt)
        {
            return null;
        }
        var plain = JsonSerializer.SerializeToUtf8Bytes(contact);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Aad(_currentKeyId));
        return (output, _currentKeyId);
    }

    public ReporterContact? Decrypt(byte[]? ciphertext, string? keyId)
    {
        if (ciphertext is null || keyId is null || !_keys.TryGetValue(keyId, out var key) || ciphertext.Length < NonceSize + TagSize)
        {
            return null;
        }
        var plain = new byte[ciphertext.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(ciphertext.AsSpan(0, NonceSize), ciphertext.AsSpan(NonceSize + TagSize), ciphertext.AsSpan(NonceSize, TagSize), plain, Aad(keyId));
        return JsonSerializer.Deserialize<ReporterContact>(plain);
    }

    private static byte[] Aad(string keyId) => Encoding.UTF8.GetBytes("needsmap-contact:" + keyId);

    private static byte[] Decode(string base64)
    {
        var key = Convert.FromBase64String(base64);
        return key.Length == 32 ? key : throw new InvalidOperationException($"{PrivacySettings.Section}: encryption keys are base64 of 32 bytes.");
    }
}
