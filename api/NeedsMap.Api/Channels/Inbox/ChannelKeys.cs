using System.Security.Cryptography;
using System.Text;

namespace NeedsMap.Api.Channels.Inbox;

/// <summary>
/// Per-channel keys for pushes (<c>NeedsMap:Channels:Keys:&lt;code&gt;</c>). A channel with no key configured
/// accepts no pushes; keys are compared in constant time.
/// </summary>
public sealed class ChannelKeys(IConfiguration configuration)
{
    public const string Header = "X-Channel-Key";

    /// <summary>Whether a key is configured for the channel.</summary>
    public bool HasKey(string channelCode) => !string.IsNullOrEmpty(configuration[$"NeedsMap:Channels:Keys:{channelCode}"]);

    public bool IsValid(string channelCode, string? presented)
    {
        var expected = configuration[$"NeedsMap:Channels:Keys:{channelCode}"];
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(presented))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }
}
