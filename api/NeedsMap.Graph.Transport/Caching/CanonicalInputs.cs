using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace NeedsMap.Graph.Transport.Caching;

/// <summary>
/// Writes variables (or extensions) as they reached GraphQL.NET, in one text per value: object keys sorted, so key order and
/// whitespace do not split the cache, yet two inputs that could execute differently never read alike (a double keeps a
/// type mark, so 1 and 1.0 stay apart).
/// </summary>
internal static class CanonicalInputs
{
    /// <summary>False for a value of a type JSON input never produces; such a request is not cached.</summary>
    public static bool TryWrite(object? value, StringBuilder text, int depth = 0)
    {
        if (depth > 64)
            return false;
        switch (value)
        {
            case null:
                text.Append("null");
                return true;
            case string s:
                Quote(s, text);
                return true;
            case bool b:
                text.Append(b ? "true" : "false");
                return true;
            case int or long or short or sbyte or byte or ushort or uint or ulong or BigInteger:
                text.Append(CultureInfo.InvariantCulture, $"{value}");
                return true;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture)).Append('d');
                return true;
            case float f:
                text.Append(f.ToString("R", CultureInfo.InvariantCulture)).Append('f');
                return true;
            case decimal m:
                text.Append(m.ToString(CultureInfo.InvariantCulture)).Append('m');
                return true;
            case IEnumerable<KeyValuePair<string, object?>> map:
                text.Append('{');
                var first = true;
                foreach (var (key, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    Quote(key, text);
                    text.Append(':');
                    if (!TryWrite(item, text, depth + 1))
                        return false;
                }
                text.Append('}');
                return true;
            case IEnumerable list:
                text.Append('[');
                var firstItem = true;
                foreach (var item in list)
                {
                    text.Append(firstItem ? "" : ",");
                    firstItem = false;
                    if (!TryWrite(item, text, depth + 1))
                        return false;
                }
                text.Append(']');
                return true;
            default:
                return false;
        }
    }

    private static void Quote(string s, StringBuilder text) =>
        text.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
}
