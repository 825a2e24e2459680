using GraphQL.Types;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Channels;

public sealed class ChannelGraphType : ObjectGraphType<Channel>
{
    public ChannelGraphType()
    {
        Name = "Channel";
        Description = "A way needs reach the city: a hotline, a platform, an app (诉求渠道).";
        Field(c => c.Code);
        Field(c => c.Name).Description("The Chinese name.");
        Field(c => c.NameEn).Description("The English name.");
        Field(c => c.Weight).Description("How much one need from this channel weighs in demand indexes.");
        Field<NonNullGraphType<CoordinateSystemGraphType>>("coordinateSystem").Resolve(ctx => ctx.Source.CoordinateSystem);
        Field(c => c.Enabled);
        Field(c => c.LastReceivedAt, nullable: true);
        Field(c => c.AcceptedCount).Description("Records accepted since the channel was registered.");
        Field(c => c.RejectedCount).Description("Records kept in quarantine since the channel was registered.");
        Field(c => c.LastError, nullable: true);
    }
}

public sealed class CoordinateSystemGraphType : EnumerationGraphType<CoordinateSystem>
{
    public CoordinateSystemGraphType()
    {
        Name = "CoordinateSystem";
        Description = "WGS84 (GPS), GCJ02 (Chinese consumer maps) or BD09 (Baidu). NeedsMap stores WGS-84.";
        foreach (var value in Values.ToList())
        {
            value.Name = value.Name.Replace("WGS_84", "WGS84", StringComparison.Ordinal)
                .Replace("GCJ_02", "GCJ02", StringComparison.Ordinal).Replace("BD_09", "BD09", StringComparison.Ordinal);
        }
    }
}
