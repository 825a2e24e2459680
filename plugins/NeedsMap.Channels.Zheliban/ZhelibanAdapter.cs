using System.Globalization;
using System.Text.Json;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.Zheliban;

/// <summary>
/// Petitions (信访件) from 浙里访, Zhejiang's online petition system, JSON. A petition usually follows other
/// channels that did not resolve the matter, so the channel weighs more (<see cref="PetitionWeight"/>), and a
/// joint petition (集体访) records how many people signed it. Petitions carry an address, not coordinates.
/// </summary>
public sealed class ZhelibanAdapter : IChannelAdapter
{
    /// <summary>How much one petition counts against an ordinary report.</summary>
    public const double PetitionWeight = 3.0;

    private static readonly string[] Wrappers = ["data", "records"];

    private static readonly CategoryMap Categories = new(
    [
        ("住房保障", "housing.renovation"), ("物业", "housing.property_management"), ("拖欠工资", "employment.wage_arrears"),
        ("劳动社保", "employment.social_insurance"), ("教育", "education.enrollment"), ("医疗", "health.clinic"),
        ("环境保护", "environment.sanitation"), ("城乡建设", "housing.renovation"),
    ]);

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "zheliban",
        "浙里访（网上信访）",
        "application/json",
        CoordinateSystem.Wgs84,
        "浙里访信访件：网上信访、来信、来访、电话信访登记。信访多为其他渠道未解决后的反映，权重较高；集体访记录联名人数。涉密件剔除（confidential_kind）。只有问题属地地址，无坐标。")
    {
        Weight = PetitionWeight,
        AcceptedFormats = ["application/json", "text/json"],
    };

    /// <inheritdoc />
    public ParseResult Parse(ChannelPayload payload, IChannelContext context) =>
        RecordBatch.ParseJson(payload, Wrappers, Descriptor.Code, context, (item, c) => ParsePetition(item, c));

    private static (NeedRecord?, RejectedRecord?) ParsePetition(JsonElement item, IChannelContext context)
    {
        var raw = item.GetRawText();
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, new RejectedRecord(null, RejectReasons.MalformedPayload, "A petition is not a JSON object.", raw));
        }
        var id = item.Text("xfjbh");
        if (id is null)
        {
            return (null, Rejections.Missing(null, "xfjbh", raw));
        }
        if (item.Text("sfsm") is "1" or "是")
        {
            return (null, new RejectedRecord(id, RejectReasons.ConfidentialKind, "The petition is flagged confidential (涉密).", raw));
        }
        var content = item.Text("xfnr");
        if (content is null)
        {
            return (null, Rejections.Missing(id, "xfnr", raw));
        }
        if (!ChinaTime.TryParse(item.Text("djsj"), out var registeredAt))
        {
            return (null, Rejections.Invalid(id, "djsj", "is missing or not a date and time", raw));
        }
        var updatedAt = registeredAt;
        if (item.Text("gxsj") is { } updated && !ChinaTime.TryParse(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, "gxsj", "is not a date and time", raw));
        }
        var address = item.Text("wtsd");
        if (address is null)
        {
            return (null, Rejections.Missing(id, "wtsd", raw));
        }
        var petitioners = item.TryGetProperty("xfr", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object).ToList()
            : [];
        var first = petitioners.FirstOrDefault();
        var count = item.Number("rs") is { } rs ? (int)rs : Math.Max(petitioners.Count, 1);
        var phone = first.Text("lxdh");
        var idNumber = first.Text("zjhm");
        var category = item.Text("nrfl");
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = registeredAt,
            Text = PersonalData.ScrubText(content),
            Address = PersonalData.ScrubText(address),
            ChannelCategory = category,
            CategoryCode = Categories.Map(category, content),
            Reporter = Reporters.Describe(context, registeredAt, phone, idNumber),
            Contact = Reporters.Contact(first.Text("xm"), phone, idNumber),
            Attributes = new Attributes()
                .Add("form", item.Text("xfxs"))
                .Add("petitioner_count", count.ToString(CultureInfo.InvariantCulture))
                .Add("repeat_petition", item.Text("sfcf") is "1" or "是" ? "true" : null)
                .Add("status", item.Text("blzt"))
                .Add("handling_unit", item.Text("zbdw"))
                .Build(),
        };
        return (record, null);
    }
}
