using System.Text;

namespace NeedsMap.Api.Graph.Relay;

/// <summary>Relay global object ids: base64 of "Type:key", opaque to clients and unique across types.</summary>
public static class GlobalId
{
    public static string Encode(string typeName, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{key}"));

    public static (string TypeName, string Key) Decode(string id)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(id));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && colon < text.Length - 1)
            {
                return (text[..colon], text[(colon + 1)..]);
            }
        }
        catch (FormatException)
        {
        }
        throw new DomainException(ErrorCodes.InvalidId, $"\"{Truncate(id)}\" is not a NeedsMap id.");
    }

    public static bool TryDecodeLong(string id, string expectedType, out long key)
    {
        var (type, raw) = Decode(id);
        key = 0;
        return type == expectedType && TryParseKey(raw, out key);
    }

    /// <summary>
    /// A numeric key in its one canonical spelling. long.TryParse alone would take " 1", "+1", "01" and "1\0" (trailing
    /// NULs), giving one object many ids.
    /// </summary>
    public static bool TryParseKey(string raw, out long key)
    {
        key = 0;
        return raw.Length is > 0 and <= 19 && raw.All(char.IsAsciiDigit)
            && long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out key)
            && raw == key.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
