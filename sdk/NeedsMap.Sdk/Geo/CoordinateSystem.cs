namespace NeedsMap.Sdk.Geo;

/// <summary>The datum a channel sends its coordinates in. NeedsMap stores WGS-84 only.</summary>
public enum CoordinateSystem
{
    /// <summary>WGS-84, what GPS and every international map use.</summary>
    Wgs84,
    /// <summary>GCJ-02, the obfuscated datum of Chinese consumer maps (AMap, Tencent, WeChat).</summary>
    Gcj02,
    /// <summary>BD-09, Baidu's datum, a further offset of GCJ-02.</summary>
    Bd09,
}
