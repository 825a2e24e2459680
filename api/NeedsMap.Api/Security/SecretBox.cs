using System.Security.Cryptography;
using System.Text;

namespace NeedsMap.Api.Security;

/// <summary>
/// Authenticated encryption (AES-256-GCM) for data at rest that may hold personal data. The output is
/// key id (1 byte) | nonce (12) | tag (16) | ciphertext, so keys can be rotated: new writes use the current key,
/// old rows stay readable while their key is configured.
/// </summary>
public sealed class SecretBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<byte, byte[]> _keys;
    private readonly byte _currentKeyId;

    public SecretBox(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("NeedsMap:Privacy");
        var configured = section.GetSection("Keys").GetChildren()
            .ToDictionary(k => byte.Parse(k.Key, System.Globalization.CultureInfo.InvariantCulture), k => Convert.FromBase64String(k.Value!));
        if (configured.Count == 0)
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException("Set NeedsMap:Privacy:Keys:<id> to a base64 32-byte key (and NeedsMap:Privacy:CurrentKeyId).");
            }
            // Development and tests: a fixed, published key. Never used in production (see above).
            configured[0] = SHA256.HashData(Encoding.UTF8.GetBytes("needsmap-development-key"));
        }
        _keys = configured;
        _currentKeyId = section.GetValue<byte?>("CurrentKeyId") ?? configured.Keys.Max();
        if (_keys.Values.Any(k => k.Length != 32))
        {
            throw new InvalidOperationException("Every NeedsMap:Privacy:Keys entry must be 32 bytes, base64-encoded.");
        }
    }

    public byte[] Seal(string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + NonceSize + TagSize + data.Length];
        output[0] = _currentKeyId;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize));
        return output;
    }

    public string Open(byte[] sealedData)
    {
        if (sealedData.Length < 1 + NonceSize + TagSize || !_keys.TryGetValue(sealedData[0], out var key))
        {
            throw new CryptographicException("The data was sealed with a key that is not configured.");
        }
        var plaintext = new byte[sealedData.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedData.AsSpan(1, NonceSize), sealedData.AsSpan(1 + NonceSize + TagSize), sealedData.AsSpan(1 + NonceSize, TagSize), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }
}
