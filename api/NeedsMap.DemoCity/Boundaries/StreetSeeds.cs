namespace NeedsMap.DemoCity.Boundaries;

/// <summary>
/// Where each street's generated boundary grows from: roughly its real centre (WGS-84), and a weight that sets
/// its size (a point belongs to the street with the smallest distance ÷ weight), so the urban streets come out
/// small and the rural towns large. <see cref="SpreadKm"/> sets how fast community density falls off from the
/// centre, so the communities of a town crowd around its 镇区 and its villages spread outwards.
/// </summary>
internal sealed record StreetSeed(string Code, double Longitude, double Latitude, double Weight, double SpreadKm)
{
    public static IReadOnlyList<StreetSeed> Yiwu { get; } =
    [
        new("330782001", 120.075, 29.305, 0.62, 1.2), // 稠城街道, the old town
        new("330782002", 120.105, 29.295, 0.80, 2.0), // 江东街道
        new("330782003", 120.040, 29.270, 0.85, 2.5), // 稠江街道
        new("330782004", 120.060, 29.345, 0.60, 1.5), // 北苑街道
        new("330782005", 120.020, 29.380, 0.90, 3.0), // 后宅街道
        new("330782006", 119.970, 29.320, 1.05, 3.0), // 城西街道
        new("330782007", 120.170, 29.340, 1.00, 3.0), // 廿三里街道
        new("330782008", 120.085, 29.335, 0.66, 1.8), // 福田街道, the International Trade City
        new("330782100", 120.030, 29.190, 1.12, 3.5), // 佛堂镇
        new("330782101", 120.080, 29.120, 1.20, 3.5), // 赤岸镇
        new("330782102", 119.950, 29.240, 1.05, 3.0), // 义亭镇
        new("330782104", 119.890, 29.300, 1.05, 3.0), // 上溪镇
        new("330782105", 120.150, 29.410, 0.85, 3.0), // 苏溪镇
        new("330782106", 120.100, 29.460, 1.05, 3.0), // 大陈镇
    ];
}
