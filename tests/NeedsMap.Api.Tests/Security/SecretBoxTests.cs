using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Tests.Security;

/// <summary>The one AES-GCM helper: key ids, rotation, purposes, and the two formats written before the merge.</summary>
public sealed class SecretBoxTests
{
    private static readonly string KeyOne = Convert.ToBase64String(SHA256.HashData("one"u8));
    private static readonly string KeyTwo = Convert.ToBase64String(SHA256.HashData("two"u8));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static SecretBox Box(string? key, string keyId = "k1", Dictionary<string, string>? previous = null, string environment = "Production") =>
        new(new PrivacySettings { EncryptionKey = key, EncryptionKeyId = keyId, PreviousEncryptionKeys = previous ?? [] }, new Environment(environment));

    [Fact]
    public void Sealed_data_opens_after_a_rotation_while_the_old_key_is_kept_and_is_marked_stale()
    {
        var old = Box(KeyOne);
        var sealedData = old.Seal("楼下噪音 13812345678", SecretPurpose.Quarantine);
        Assert.Equal("k1", SecretBox.KeyIdOf(sealedData));
        Assert.DoesNotContain("13812345678", Encoding.UTF8.GetString(sealedData), StringComparison.Ordinal);

        var rotated = Box(KeyTwo, "k2", new() { ["k1"] = KeyOne });
        Assert.Equal("楼下噪音 13812345678", rotated.OpenText(sealedData, SecretPurpose.Quarantine));
        Assert.True(rotated.IsStale(sealedData));
        var resealed = rotated.Seal(rotated.Open(sealedData, SecretPurpose.Quarantine), SecretPurpose.Quarantine);
        Assert.Equal("k2", SecretBox.KeyIdOf(resealed));
        Assert.False(rotated.IsStale(resealed));

        Assert.Throws<CryptographicException>(() => Box(KeyTwo, "k2").Open(sealedData, SecretPurpose.Quarantine));
    }

    [Fact]
    public void A_ciphertext_opens_only_for_its_purpose_and_not_when_altered()
    {
        var box = Box(KeyOne);
        var sealedData = box.Seal("x", SecretPurpose.Contact);
        Assert.Throws<CryptographicException>(() => box.Open(sealedData, SecretPurpose.Quarantine));
        sealedData[^1] ^= 1;
        Assert.Throws<CryptographicException>(() => box.Open(sealedData, SecretPurpose.Contact));
    }

    [Fact]
    public void Quarantined_payloads_sealed_by_the_first_SecretBox_still_open()
    {
        // The first SecretBox: key id (1 byte) | nonce | tag | ciphertext, no associated data, keys under NeedsMap:Privacy:Keys:<byte>.
        var key = Convert.FromBase64String(KeyOne);
        var plain = "原始报文 13812345678"u8.ToArray();
        var legacy = new byte[1 + 12 + 16 + plain.Length];
        legacy[0] = 3;
        RandomNumberGenerator.Fill(legacy.AsSpan(1, 12));
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(legacy.AsSpan(1, 12), plain, legacy.AsSpan(29), legacy.AsSpan(13, 16));
        }
        var box = new SecretBox(new PrivacySettings { EncryptionKey = KeyTwo, EncryptionKeyId = "k2", Keys = new() { ["3"] = KeyOne } }, new Environment("Production"));
        Assert.Equal("原始报文 13812345678", box.OpenText(legacy, SecretPurpose.Quarantine));
        Assert.True(box.IsStale(legacy));

        var onlyLegacyConfig = new SecretBox(new PrivacySettings { Keys = new() { ["3"] = KeyOne }, CurrentKeyId = "3" }, new Environment("Production"));
        Assert.Equal("3", onlyLegacyConfig.CurrentKeyId);
        Assert.Equal("原始报文 13812345678", onlyLegacyConfig.OpenText(legacy, SecretPurpose.Quarantine));
    }

    [Fact]
    public void Contacts_sealed_by_the_first_ContactProtector_still_open_with_the_key_id_of_their_column()
    {
        var legacy = LegacyContact("""{"Name":"李四","Phone":"13812345678","IdNumber":null}""", KeyOne, "k1");
        var protector = new ContactProtector(Box(KeyTwo, "k2", new() { ["k1"] = KeyOne }));
        var contact = protector.Decrypt(legacy, "k1");
        Assert.Equal("13812345678", contact!.Phone);
        Assert.Null(protector.Decrypt(legacy, "k9"));
    }

    [Fact]
    public void Without_a_configured_key_production_refuses_to_start_and_development_drops_contacts_but_seals_payloads()
    {
        Assert.Throws<InvalidOperationException>(() => Box(null));
        var development = Box(null, environment: "Development");
        Assert.False(development.HasConfiguredKey);
        Assert.Null(new ContactProtector(development).Encrypt(new NeedsMap.Api.Security.Privacy.ReporterContact(null, "13812345678", null)));
        Assert.Equal("x", development.OpenText(development.Seal("x", SecretPurpose.Quarantine), SecretPurpose.Quarantine));
    }

    /// <summary>The first ContactProtector's format: nonce | tag | ciphertext, "needsmap-contact:{id}" as associated data.</summary>
    internal static byte[] LegacyContact(string json, string base64Key, string keyId)
    {
        var plain = Encoding.UTF8.GetBytes(json);
        var output = new byte[12 + 16 + plain.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(Convert.FromBase64String(base64Key), 16);
        aes.Encrypt(output.AsSpan(0, 12), plain, output.AsSpan(28), output.AsSpan(12, 16), Encoding.UTF8.GetBytes("needsmap-contact:" + keyId));
        return output;
    }
}
