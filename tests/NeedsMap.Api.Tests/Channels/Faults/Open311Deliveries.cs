using System.Globalization;
using System.Text.Json;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>GeoReport v2 requests at the interior points of Yiwu's communities, with ids a test can reconcile by.</summary>
internal sealed class Open311Deliveries(ReferenceData reference)
{
    private static readonly string[] Services = ["STREETLIGHT", "GARBAGE", "POTHOLE", "NOISE-CONST", "PARKING", "DRAIN"];

    private readonly List<(double Lon, double Lat)> _points = [.. reference.Current.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Community)
        .OrderBy(j => j.Code, StringComparer.Ordinal).Select(j => (j.InteriorLongitude, j.InteriorLatitude))];

    public static string Id(string prefix, int i) => $"{prefix}-{i:D6}";

    /// <summary>Requests <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> − 1 as one JSON array.</summary>
    public string Page(string prefix, int from, int count, int version = 0) =>
        JsonSerializer.Serialize(Enumerable.Range(from, count).Select(i => Request(prefix, i, version)));

    public Dictionary<string, object?> Request(string prefix, int i, int version = 0)
    {
        var (lon, lat) = _points[(i * 37) % _points.Count];
        var requested = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddMinutes(i * 13 % 40_000);
        return new Dictionary<string, object?>
        {
            ["service_request_id"] = Id(prefix, i),
            ["status"] = "open",
            ["service_code"] = Services[i % Services.Length],
            ["description"] = $"测试诉求 {prefix} {i}：路灯不亮，垃圾没人清理",
            ["requested_datetime"] = requested.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["updated_datetime"] = requested.AddMinutes(version).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["lat"] = lat,
            ["long"] = lon,
        };
    }
}
