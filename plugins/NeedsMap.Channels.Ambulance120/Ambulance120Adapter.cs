using System.Text.Json;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.Ambulance120;

/// <summary>
/// Events from the 120 dispatch system, JSON. Emergencies are rejected (<c>emergency_kind</c>): they are
/// handled by dispatch and are health data. What remains are needs behind the calls: non-emergency transfers
/// and health questions. The chief complaint (主诉) is medical data and is never copied into a record.
/// </summary>
public sealed class Ambulance120Adapter : IChannelAdapter
{
    private static readonly string[] Wrappers = ["data", "events"];

    private static readonly CategoryMap Categories = new(
    [
        ("疫苗", "health.vaccination"), ("接种", "health.vaccination"), ("医保", "health.medical_insurance"),
        ("透析", "health.clinic"), ("转运", "health.clinic"), ("复查", "health.clinic"), ("独居", "elderly.living_alone"),
    ]);

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "120",
        "120急救调度（非急救需求）",
        "application/json",
        CoordinateSystem.Gcj02,
        "120调度系统事件中的非急救需求：非急救转运、健康咨询。急救事件剔除（emergency_kind），骚扰与误拨剔除（not_a_need）。主诉属医疗信息，不进入记录。调度地图为高德，坐标GCJ-02。")
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
        var kind = item.Text("sjlx");
        switch (kind)
        {
            case "急救" or "院前急救" or "重大事故":
                return (null, new RejectedRecord(id, RejectReasons.EmergencyKind, $"'{kind}' is an emergency handled by dispatch.", raw));
            case "骚扰" or "误拨" or "无效呼叫":
                return (null, new RejectedRecord(id, RejectReasons.NotANeed, $"'{kind}' is not a need.", raw));
            case "非急救转运" or "健康咨询":
                break;
            default:
                return (null, Rejections.Invalid(id, "sjlx", $"'{kind ?? "(none)"}' is not a known event type", raw));
        }
        var need = item.Text("xqms");
        if (need is null)
        {
            return (null, Rejections.Missing(id, "xqms", raw));
        }
        if (!ChinaTime.TryParse(item.Text("hjsj"), out var calledAt))
        {
            return (null, Rejections.Invalid(id, "hjsj", "is missing or not a date and time", raw));
        }
        var updatedAt = calledAt;
        if (item.Text("gxsj") is { } updated && !ChinaTime.TryParse(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, "gxsj", "is not a date and time", raw));
        }
        if (item.HasNonNumber("jd") || item.HasNonNumber("wd") || (item.Number("jd") is null) != (item.Number("wd") is null))
        {
            return (null, Rejections.Invalid(id, "jd/wd", "must both be numbers or both be absent", raw));
        }
        RecordLocation? location = null;
        if (item.Number("jd") is { } lon && item.Number("wd") is { } lat
            && !Coordinates.TryCreate(lon, lat, CoordinateSystem.Gcj02, out location, out var why))
        {
            return (null, Rejections.Invalid(id, "jd/wd", why, raw));
        }
        var address = item.Text("xcdz");
        if (location is null && address is null)
        {
            return (null, Rejections.Missing(id, "xcdz", raw));
        }
        var phone = item.Text("hjdh");
        var patientAge = item.Number("hznl") is { } age ? AgeBands.FromAge((int)age).ToString() : null;
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = calledAt,
            Text = PersonalData.ScrubText(need),
            Location = location,
            Address = address is null ? null : PersonalData.ScrubText(address),
            ChannelCategory = kind,
            CategoryCode = Categories.Map(need) ?? "health.clinic",
            Reporter = Reporters.Describe(context, calledAt, phone, null),
            Contact = Reporters.Contact(item.Text("hjrxm"), phone, null),
            Attributes = new Attributes()
                .Add("patient_age_band", patientAge)
                .Add("dispatch_outcome", item.Text("pcjg"))
                .Build(),
        };
        return (record, null);
    }
}
