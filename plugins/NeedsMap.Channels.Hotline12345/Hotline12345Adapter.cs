using System.Text.Json;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.Hotline12345;

/// <summary>
/// Work orders (工单) of the 12345 government service hotline, as its platform exports them: JSON with
/// pinyin-initial field names, one order or a page of them inside a <c>{"code":…,"data":{"rows":[…]}}</c> envelope.
/// </summary>
public sealed class Hotline12345Adapter : IChannelAdapter
{
    private static readonly string[] Wrappers = ["data", "rows", "list", "records"];

    private static readonly CategoryMap Categories = new(
    [
        ("建筑施工噪声", "noise.construction"), ("社会生活噪声", "noise.neighbour"), ("商业噪声", "noise.commercial"), ("交通噪声", "noise.traffic"),
        ("停车管理", "traffic.parking"), ("道路维护", "traffic.road_damage"), ("公共交通", "traffic.public_transport"),
        ("生活垃圾", "environment.garbage"), ("餐饮油烟", "environment.air"), ("市容环卫", "environment.sanitation"),
        ("义务教育", "education.enrollment"), ("预防接种", "health.vaccination"), ("医疗服务", "health.clinic"),
        ("物业管理", "housing.property_management"), ("加装电梯", "housing.elevator"), ("老旧小区", "housing.renovation"),
        ("养老服务", "elderly.home_care"), ("劳动报酬", "employment.wage_arrears"), ("社会保险", "employment.social_insurance"),
        ("供水", "utilities.water_supply"), ("供电", "utilities.power"), ("燃气", "utilities.gas"), ("路灯", "utilities.streetlight"),
        ("食品安全", "market.food_safety"), ("消费纠纷", "market.consumer_rights"), ("占道经营", "market.street_vending"),
    ]);

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "12345",
        "12345政务服务便民热线",
        "application/json",
        CoordinateSystem.Gcj02,
        "12345热线工单：来电、网站、微信等渠道受理的投诉、求助、咨询、建议。坐标（如有）为高德GCJ-02，多数工单只有诉求地址。表扬类工单不是诉求，予以剔除。")
    {
        AcceptedFormats = ["application/json", "text/json"],
    };

    /// <inheritdoc />
    public ParseResult Parse(ChannelPayload payload, IChannelContext context) =>
        RecordBatch.ParseJson(payload, Wrappers, Descriptor.Code, context, (item, c) => ParseOrder(item, c));

    private static (NeedRecord? Record, RejectedRecord? Rejected) ParseOrder(JsonElement order, IChannelContext context)
    {
        var raw = order.GetRawText();
        if (order.ValueKind != JsonValueKind.Object)
        {
            return (null, new RejectedRecord(null, RejectReasons.MalformedPayload, "A work order is not a JSON object.", raw));
        }
        var id = order.Text("gdbh");
        if (id is null)
        {
            return (null, Rejections.Missing(null, "gdbh", raw));
        }
        var content = order.Text("sqnr");
        if (content is null)
        {
            return (null, Rejections.Missing(id, "sqnr", raw));
        }
        if (!ChinaTime.TryParse(order.Text("ldsj"), out var calledAt))
        {
            return order.Text("ldsj") is null ? (null, Rejections.Missing(id, "ldsj", raw)) : (null, Rejections.Invalid(id, "ldsj", "is not a date and time", raw));
        }
        var updatedAt = calledAt;
        if (order.Text("gxsj") is { } updated && !ChinaTime.TryParse(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, "gxsj", "is not a date and time", raw));
        }
        if (order.Text("sqlx") == "表扬")
        {
            return (null, new RejectedRecord(id, RejectReasons.NotANeed, "A praise (表扬) is not a need.", raw));
        }
        if (order.HasNonNumber("jd") || order.HasNonNumber("wd") || (order.Number("jd") is null) != (order.Number("wd") is null))
        {
            return (null, Rejections.Invalid(id, "jd/wd", "must both be numbers or both be absent", raw));
        }
        RecordLocation? location = null;
        if (order.Number("jd") is { } lon && order.Number("wd") is { } lat
            && !Coordinates.TryCreate(lon, lat, CoordinateSystem.Gcj02, out location, out var why))
        {
            return (null, Rejections.Invalid(id, "jd/wd", why, raw));
        }
        var address = order.Text("sqdz");
        if (location is null && address is null)
        {
            return (null, Rejections.Missing(id, "sqdz", raw));
        }

        var phone = order.Text("lxdh");
        var idNumber = order.Text("sfzh");
        var category = order.Text("sqlb");
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = calledAt,
            Text = PersonalData.ScrubText(content),
            Location = location,
            Address = address is null ? null : PersonalData.ScrubText(address),
            ChannelCategory = category,
            CategoryCode = Categories.Map(category, content),
            Reporter = Reporters.Describe(context, calledAt, phone, idNumber,
                group: Group(order.Text("tsqt")), gender: Reporters.ParseGender(order.Text("ldrxb"))),
            Contact = Reporters.Contact(order.Text("ldrxm"), phone, idNumber),
            Attributes = new Attributes()
                .Add("request_type", order.Text("sqlx"))
                .Add("status", order.Text("blzt"))
                .Add("handling_unit", order.Text("cbdw"))
                .Add("street", order.Text("ssjd"))
                .Add("community", order.Text("sssq"))
                .Add("intake", order.Text("qdly"))
                .Add("caller_requested_confidentiality", order.Text("sfbm") == "是" ? "true" : null)
                .Build(),
        };
        return (record, null);
    }

    private static ReporterGroup? Group(string? specialGroup) => specialGroup switch
    {
        "外来务工人员" or "新义乌人" => ReporterGroup.MigrantWorker,
        "境外人员" or "境外客商" => ReporterGroup.ForeignMerchant,
        "学生" => ReporterGroup.Student,
        "独居老人" => ReporterGroup.ElderlyLivingAlone,
        "本地居民" => ReporterGroup.LocalResident,
        _ => null,
    };
}
