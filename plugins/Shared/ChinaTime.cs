using System.Globalization;

namespace NeedsMap.Channels.Shared;

/// <summary>Reads the timestamps Chinese government systems send: local time (UTC+8) unless an offset is given.</summary>
internal static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyyMMddHHmmss", "yyyy年M月d日 HH:mm:ss", "yyyy年M月d日 HH:mm", "yyyy-MM-dd",
    ];

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            time = new DateTimeOffset(local, Offset);
            return true;
        }
        // ISO-8601 with an explicit offset or Z.
        return (trimmed.EndsWith('Z') || trimmed.LastIndexOfAny(['+', '-']) > 10)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    public static DateTimeOffset FromUnixSeconds(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(Offset);
}
