using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Reference;

/// <summary>The channels every city starts with; weights say how much one need from each counts (a petition more than a post).</summary>
public static class StandardChannels
{
    public static IReadOnlyList<Channel> All { get; } =
    [
        New("12345", "12345政务服务热线", "12345 government hotline", 1.0, CoordinateSystem.Gcj02),
        New("96150", "96150便民服务热线", "96150 convenience hotline", 1.0, CoordinateSystem.Gcj02),
        New("110", "110报警服务台（非警务类）", "110 police (non-emergency)", 1.2, CoordinateSystem.Wgs84),
        New("120", "120急救调度", "120 ambulance dispatch", 1.2, CoordinateSystem.Wgs84),
        New("122", "122交通事故报警", "122 traffic incidents", 1.1, CoordinateSystem.Wgs84),
        New("four-platforms", "基层治理四平台", "Grassroots governance four platforms", 1.3, CoordinateSystem.Wgs84),
        New("zheliban", "浙里访信访平台", "Zheliban petition platform", 2.0, CoordinateSystem.Wgs84),
        New("wechat", "微信公众号", "WeChat official account", 0.8, CoordinateSystem.Gcj02),
        New("board", "社区留言板", "Community message board", 0.7, CoordinateSystem.Wgs84),
        New("open311", "Open311 GeoReport v2", "Open311 GeoReport v2", 1.0, CoordinateSystem.Wgs84),
        New("app", "居民App", "Resident app", 1.0, CoordinateSystem.Wgs84),
    ];

    private static Channel New(string code, string name, string nameEn, double weight, CoordinateSystem system) =>
        new() { Code = code, Name = name, NameEn = nameEn, Weight = weight, CoordinateSystem = system };
}
