using System.Xml.Linq;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.Traffic122;

/// <summary>
/// Reports to the 122 traffic police line, as its intake system exports them: XML, a <c>&lt;JQLIST&gt;</c> of
/// <c>&lt;JQ&gt;</c> elements or a single <c>&lt;JQ&gt;</c>. Accidents with injuries are emergencies; minor
/// accidents are settled on the spot (快处快赔) and are not needs. Congestion, illegal parking, broken signals
/// and road furniture are.
/// </summary>
public sealed class Traffic122Adapter : IChannelAdapter
{
    private static readonly Dictionary<string, string> NeedKinds = new(StringComparer.Ordinal)
    {
        ["交通拥堵"] = "traffic.congestion",
        ["违法停车"] = "traffic.parking",
        ["停车难"] = "traffic.parking",
        ["信号灯故障"] = "traffic.signals",
        ["交通设施损坏"] = "traffic.signals",
        ["道路破损"] = "traffic.road_damage",
        ["电动自行车管理"] = "traffic.ebike",
        ["交通噪声"] = "noise.traffic",
        ["交通咨询"] = "traffic.public_transport",
    };

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "122",
        "122交通管理服务热线",
        "application/xml",
        CoordinateSystem.Wgs84,
        "122交警热线受理单（XML）：交通拥堵、违法停车、信号灯及交通设施故障等。伤人事故剔除（emergency_kind），财损事故快处快赔剔除（not_a_need）。坐标取自交警地理信息平台（CGCS2000），按WGS-84处理。")
    {
        AcceptedFormats = ["application/xml", "text/xml"],
    };

    /// <inheritdoc />
    public ParseResult Parse(ChannelPayload payload, IChannelContext context)
    {
        if (payload.MediaType is not ("application/xml" or "text/xml"))
        {
            return Rejections.UnsupportedContentType(payload, "application/xml");
        }
        if (!XmlPayload.TryOpen(payload, out var root, out var failure))
        {
            ChannelLog.Unreadable(context.Logger, Descriptor.Code, payload, failure!);
            return ParseResult.Failed(failure!);
        }
        var reports = root!.Name.LocalName == "JQ" ? [root] : root.Elements("JQ").ToList();
        return RecordBatch.ParseEach(reports, Descriptor.Code, context, (report, c) => ParseReport(report, c));
    }

    private static (NeedRecord?, RejectedRecord?) ParseReport(XElement report, IChannelContext context)
    {
        var raw = report.ToString(SaveOptions.DisableFormatting);
        var id = report.Text("JJBH");
        if (id is null)
        {
            return (null, Rejections.Missing(null, "JJBH", raw));
        }
        var kind = report.Text("SJLX");
        if (kind is not null && kind.StartsWith("交通事故", StringComparison.Ordinal))
        {
            return kind.Contains('伤')
                ? (null, new RejectedRecord(id, RejectReasons.EmergencyKind, "An accident with injuries is an emergency.", raw))
                : (null, new RejectedRecord(id, RejectReasons.NotANeed, "A minor accident is settled on the spot, not a need.", raw));
        }
        if (kind is null || !NeedKinds.TryGetValue(kind, out var code))
        {
            return (null, Rejections.Invalid(id, "SJLX", $"'{kind ?? "(none)"}' is not a known report type", raw));
        }
        var content = report.Text("BJNR");
        if (content is null)
        {
            return (null, Rejections.Missing(id, "BJNR", raw));
        }
        if (!ChinaTime.TryParse(report.Text("BJSJ"), out var reportedAt))
        {
            return (null, Rejections.Invalid(id, "BJSJ", "is missing or not a date and time", raw));
        }
        var updatedAt = reportedAt;
        if (report.Text("GXSJ") is { } updated && !ChinaTime.TryParse(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, "GXSJ", "is not a date and time", raw));
        }
        if (report.HasNonNumber("JD") || report.HasNonNumber("WD") || (report.Number("JD") is null) != (report.Number("WD") is null))
        {
            return (null, Rejections.Invalid(id, "JD/WD", "must both be numbers or both be absent", raw));
        }
        RecordLocation? location = null;
        if (report.Number("JD") is { } lon && report.Number("WD") is { } lat
            && !Coordinates.TryCreate(lon, lat, CoordinateSystem.Wgs84, out location, out var why))
        {
            return (null, Rejections.Invalid(id, "JD/WD", why, raw));
        }
        var address = report.Text("SFDD");
        if (location is null && address is null)
        {
            return (null, Rejections.Missing(id, "SFDD", raw));
        }
        var phone = report.Text("BJDH");
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = reportedAt,
            Text = PersonalData.ScrubText(content),
            Location = location,
            Address = address is null ? null : PersonalData.ScrubText(address),
            ChannelCategory = kind,
            CategoryCode = code,
            Reporter = Reporters.Describe(context, reportedAt, phone, null),
            Contact = Reporters.Contact(report.Text("BJRXM"), phone, null),
            Attributes = new Attributes()
                .Add("handling_unit", report.Text("CLDW"))
                .Add("status", report.Text("CLZT"))
                .Build(),
        };
        return (record, null);
    }
}
