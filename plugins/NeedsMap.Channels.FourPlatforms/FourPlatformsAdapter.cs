using System.Text.Json;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.FourPlatforms;

/// <summary>
/// Events of Zhejiang's grass-roots governance platform (基层治理四平台), mostly reported by grid workers
/// (网格员) on behalf of residents. JSON; the resident concerned (当事人), if any, is the reporter — the grid
/// worker is staff and is not recorded. Coordinates come from the provincial Tianditu map, CGCS2000 ≈ WGS-84.
/// </summary>
public sealed class FourPlatformsAdapter : IChannelAdapter
{
    private static readonly string[] Wrappers = ["data", "list"];

    private static readonly CategoryMap Categories = new(
    [
        ("矛盾纠纷", "security.dispute"), ("安全隐患", "security.fire"), ("消防", "security.fire"), ("食品安全", "market.food_safety"),
        ("占道经营", "market.street_vending"), ("违章搭建", "housing.property_management"), ("环境卫生", "environment.sanitation"),
        ("养老服务", "elderly.home_care"), ("独居老人", "elderly.living_alone"), ("出租房", "housing.rental"), ("河道", "environment.water"),
    ]);

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "four-platforms",
        "基层治理四平台",
        "application/json",
        CoordinateSystem.Wgs84,
        "基层治理四平台事件：网格员巡查上报、群众上报及上级转办的事件。网格员为工作人员不计入反映人，当事人（如有）为反映人。坐标来自浙江天地图（CGCS2000），按WGS-84处理。")
    {
        AcceptedFormats = ["application/json", "text/json"],
    };

    /// <inheritdoc />
    public ParseResult Parse(ChannelPayload payload, IChannelContext context) =>
        RecordBatch.ParseJson(payload, Wrappers, Descriptor.Code, context, (item, c) => ParseEvent(item, c));

    private static (NeedRecord?, RejectedRecord?) ParseEvent(JsonElement item, IChannelContext context)
    {
        var raw = item.GetRawText();
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, new RejectedRecord(null, RejectReasons.MalformedPayload, "An event is not a JSON object.", raw));
        }
        var id = item.Text("sjbh");
        if (id is null)
        {
            return (null, Rejections.Missing(null, "sjbh", raw));
        }
        var description = item.Text("sjms");
        if (description is null)
        {
            return (null, Rejections.Missing(id, "sjms", raw));
        }
        if (item.Text("sjlxmc") is { } type && type.StartsWith("日常巡查", StringComparison.Ordinal))
        {
            return (null, new RejectedRecord(id, RejectReasons.NotANeed, "A routine patrol log (日常巡查) records no one's need.", raw));
        }
        if (!ChinaTime.TryParse(item.Text("sbsj"), out var reportedAt))
        {
            return (null, Rejections.Invalid(id, "sbsj", "is missing or not a date and time", raw));
        }
        var updatedAt = reportedAt;
        if (item.Text("gxsj") is { } updated && !ChinaTime.TryParse(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, "gxsj", "is not a date and time", raw));
        }
        if (item.HasNonNumber("zbx") || item.HasNonNumber("zby") || (item.Number("zbx") is null) != (item.Number("zby") is null))
        {
            return (null, Rejections.Invalid(id, "zbx/zby", "must both be numbers or both be absent", raw));
        }
        RecordLocation? location = null;
        if (item.Number("zbx") is { } lon && item.Number("zby") is { } lat
            && !Coordinates.TryCreate(lon, lat, CoordinateSystem.Wgs84, out location, out var why))
        {
            return (null, Rejections.Invalid(id, "zbx/zby", why, raw));
        }
        var address = item.Text("fsdz");
        if (location is null && address is null)
        {
            return (null, Rejections.Missing(id, "fsdz", raw));
        }
        var party = item.TryGetProperty("dsr", out var dsr) && dsr.ValueKind == JsonValueKind.Object ? dsr : default;
        var phone = party.Text("lxdh");
        var idNumber = party.Text("sfzh");
        var title = item.Text("sjbt");
        var typeName = item.Text("sjlxmc");
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = reportedAt,
            Text = PersonalData.ScrubText(title is null ? description : $"{title}：{description}"),
            Location = location,
            Address = address is null ? null : PersonalData.ScrubText(address),
            ChannelCategory = typeName,
            CategoryCode = Categories.Map(typeName, title, description),
            Reporter = Reporters.Describe(context, reportedAt, phone, idNumber, group: Group(party.Text("rqlb"))),
            Contact = Reporters.Contact(party.Text("xm"), phone, idNumber),
            Attributes = new Attributes()
                .Add("source", item.Text("sjly"))
                .Add("grid", item.Text("wgmc"))
                .Add("street", item.Text("ssjd"))
                .Add("community", item.Text("sssq"))
                .Add("status", item.Text("clzt"))
                .Build(),
        };
        return (record, null);
    }

    private static ReporterGroup? Group(string? populationType) => populationType switch
    {
        "户籍人口" => ReporterGroup.LocalResident,
        "流动人口" => ReporterGroup.MigrantWorker,
        "境外人员" => ReporterGroup.ForeignMerchant,
        "在校学生" => ReporterGroup.Student,
        "独居老人" => ReporterGroup.ElderlyLivingAlone,
        _ => null,
    };
}
