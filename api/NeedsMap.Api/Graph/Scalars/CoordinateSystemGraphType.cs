using GraphQL.Types;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Graph.Scalars;

/// <summary>The SDK's datums as a GraphQL enum: channels declare one, submitted needs and division imports give one.</summary>
public sealed class CoordinateSystemGraphType : EnumerationGraphType
{
    public CoordinateSystemGraphType()
    {
        Name = "CoordinateSystem";
        Description = "The datum of coordinates. NeedsMap stores WGS-84.";
        Add("WGS84", CoordinateSystem.Wgs84, "WGS-84, what GPS reports.");
        Add("GCJ02", CoordinateSystem.Gcj02, "GCJ-02, the datum of Chinese consumer maps (AMap, Tencent, WeChat).");
        Add("BD09", CoordinateSystem.Bd09, "BD-09, Baidu's datum.");
    }
}
