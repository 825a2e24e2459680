using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeedsMap.Bench.Subscribers;

/// <summary>A community with points inside it (PostGIS picks them), so every need lands in a known community.</summary>
internal sealed record Community(string Code, string Path, List<(double Lon, double Lat)> Points);

/// <summary>
/// What one subscriber watches: its document and variables, and <see cref="Where"/>, the same filter as a <c>needs</c> query
/// argument with the caller's scope (a community worker sees its community) made explicit, so the expected set is what the
/// product's own SQL returns for it (<see cref="ExpectedSets"/>).
/// </summary>
internal sealed record Watch(int Index, string Kind, Community Community, string Query, JsonObject Variables, JsonObject Where)
{
    public string Key { get; } = Where.ToJsonString();
}

internal static class Workload
{
    private const string Selection = "{ kind need { externalId updatedAt } }";

    /// <summary>Open311 service codes the bench sends and the category each one maps to (plugins/…/service-codes.csv).</summary>
    public static readonly string[] ServiceCodes = ["NOISE", "GARBAGE", "STREETLIGHT", "POTHOLE", "PARKING", "WATER", "VENDOR", "DRAIN"];

    /// <summary>The categories the filtered half draws from: parents (which take their children) and leaves, each matched by some service code.</summary>
    public static readonly string[] FilterCategories = ["noise", "environment", "utilities", "traffic", "traffic.parking", "market.street_vending", "utilities.drainage"];

    /// <summary>
    /// "same": every subscriber watches its community. "mixed": a tenth (index % 10 == 0) a drawn polygon around its community's
    /// first point, half (odd indexes) its community and one category, the rest (4 in 10) its community.
    /// </summary>
    public static Watch For(int index, Community c, bool mixed, Random random)
    {
        if (mixed && index % 10 == 0)
        {
            var polygon = Polygon(c.Points[0], 80 + random.NextDouble() * 420, random);
            return new Watch(index, "polygon", c, $"subscription($p: Geometry!) {{ needChanged(where: {{ within: $p }}) {Selection} }}",
                new JsonObject { ["p"] = polygon.DeepClone() },
                new JsonObject { ["within"] = polygon, ["jurisdictionIn"] = new JsonArray(c.Code) });
        }
        if (mixed && index % 2 == 1)
        {
            var category = FilterCategories[(index / 2) % FilterCategories.Length];
            return new Watch(index, "category", c,
                $"subscription($c: String!, $k: String!) {{ needChanged(where: {{ jurisdictionIn: [$c], categoryIn: [$k] }}) {Selection} }}",
                new JsonObject { ["c"] = c.Code, ["k"] = category },
                new JsonObject { ["jurisdictionIn"] = new JsonArray(c.Code), ["categoryIn"] = new JsonArray(category) });
        }
        return new Watch(index, "community", c, $"subscription($c: String!) {{ needChanged(where: {{ jurisdictionIn: [$c] }}) {Selection} }}",
            new JsonObject { ["c"] = c.Code }, new JsonObject { ["jurisdictionIn"] = new JsonArray(c.Code) });
    }

    /// <summary>An irregular heptagon of about <paramref name="meters"/> around <paramref name="centre"/> (star-shaped, so it holds the centre).</summary>
    private static JsonObject Polygon((double Lon, double Lat) centre, double meters, Random random)
    {
        var ring = new JsonArray();
        var first = default((double, double));
        for (var k = 0; k < 7; k++)
        {
            var angle = 2 * Math.PI * (k + 0.8 * random.NextDouble()) / 7;
            var r = meters * (0.7 + 0.6 * random.NextDouble());
            var lon = Math.Round(centre.Lon + r * Math.Cos(angle) / (111_320 * Math.Cos(centre.Lat * Math.PI / 180)), 6);
            var lat = Math.Round(centre.Lat + r * Math.Sin(angle) / 111_320, 6);
            first = k == 0 ? (lon, lat) : first;
            ring.Add(new JsonArray(lon, lat));
        }
        ring.Add(new JsonArray(first.Item1, first.Item2));
        return new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) };
    }

    /// <summary>One Open311 service request, as a channel would deliver it.</summary>
    public static string Request(string externalId, (double Lon, double Lat) at, int k) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["service_request_id"] = externalId,
        ["status"] = "open",
        ["service_code"] = ServiceCodes[k % ServiceCodes.Length],
        ["description"] = $"bench {externalId}: 路灯不亮，垃圾没人清理",
        ["requested_datetime"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        ["lat"] = at.Lat,
        ["long"] = at.Lon,
    });
}
