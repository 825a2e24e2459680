using System.Text.Json;

namespace NeedsMap.Api.Security.Privacy;

/// <summary>
/// Reporter contacts as JSON sealed by <see cref="SecretBox"/>. The key id also goes in its own column
/// (<c>needs.contact_key_id</c>), so rows under an old key can be found; contacts written before the merge still open.
/// </summary>
public sealed class ContactProtector(SecretBox box)
{
    /// <summary>Whether contacts can be stored; without a configured key they are dropped rather than kept in clear.</summary>
    public bool CanEncrypt => box.HasConfiguredKey;

    public (byte[] Ciphertext, string KeyId)? Encrypt(ReporterContact? contact) =>
        contact is null || !CanEncrypt ? null : (box.Seal(JsonSerializer.SerializeToUtf8Bytes(contact), SecretPurpose.Contact), box.CurrentKeyId);

    public ReporterContact? Decrypt(byte[]? ciphertext, string? keyId)
    {
        if (ciphertext is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ReporterContact>(box.Open(ciphertext, SecretPurpose.Contact, keyId));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A contact under a key no longer configured reads as absent, as it did before the merge.
            return null;
        }
    }
}
