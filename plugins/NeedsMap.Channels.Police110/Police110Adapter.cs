using System.Text.Json;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.Police110;

/// <summary>
/// Incidents (警情) from the 110 command centre's intake system, JSON. Only non-emergency, non-confidential
/// kinds (noise, disputes, help requests) become needs; criminal and public-order cases, anything flagged
/// 涉密 and any kind not on the list are rejected as <c>confidential_kind</c>, emergencies as <c>emergency_kind</c>.
/// Coordinates come from the police GIS, CGCS2000, which agrees with WGS-84 to centimetres.
/// </summary>
public sealed class Police110Adapter : IChannelAdapter
{
    private static readonly string[] Wrappers = ["data", "jqxx", "records"];

    private static readonly CategoryMap Categories = new([]);

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "110",
        "110接处警（非紧急求助类）",
        "application/json",
        CoordinateSystem.Wgs84,
        "110接警单中可公开的非紧急类警情：噪声扰民、纠纷、群众求助、咨询。刑事、治安、涉密及未列明类别一律剔除（confidential_kind），火警、交通事故等紧急警情剔除（emergency_kind）。坐标为公安地理信息平台CGCS2000，按WGS-84处理。")
    {
        AcceptedFormats = ["application/json", "text/json"],
    };

    /// <inheritdoc />
    public ParseResult Parse(ChannelPayload payload, IChannelContext context) =>
        RecordBatch.ParseJson(payload, Wrappers, Descriptor.Code, context, (item, c) => ParseIncident(item, c));

    private static (NeedRecord?, RejectedRecord?) ParseIncident(JsonElement incident, IChannelContext context)
    {
        var raw = incident.GetRawText();
        if (incident.ValueKind != JsonValueKind.Object)
        {
            return (null, new RejectedRecord(null, RejectReasons.MalformedPayload, "An incident is not a JSON object.", raw));
        }
        var id = incident.Text("jjdbh");
        if (id is null)
        {
            return (null, Rejections.Missing(null, "jjdbh", raw));
        }
        // Screen the kind before anything else, so a confidential case is never read further than needed.
        var kind = incident.Text("jqlbmc");
        if (incident.Text("sfsm") is "1" or "是")
        {
            return (null, new RejectedRecord(id, RejectReasons.ConfidentialKind, "The incident is flagged confidential (涉密).", raw));
        }
        if (kind is not null && IncidentKinds.EmergencyKinds.Contains(kind))
        {
            return (null, new RejectedRecord(id, RejectReasons.EmergencyKind, $"'{kind}' is an emergency handled by dispatch, not a need.", raw));
        }
        if (kind is null || !IncidentKinds.NeedKinds.TryGetValue(kind, out var kindCode))
        {
            return (null, new RejectedRecord(id, RejectReasons.ConfidentialKind, $"Incident kind '{kind ?? "(none)"}' is not one that may become a public need.", raw));
        }
        var content = incident.Text("bjnr");
        if (content is null)
        {
            return (null, Rejections.Missing(id, "bjnr", raw));
        }
        if (!ChinaTime.TryParse(incident.Text("bjsj"), out var reportedAt))
        {
            return (null, Rejections.Invalid(id, "bjsj", "is missing or not a date and time", raw));
        }
        var updatedAt = reportedAt;
        if (incident.Text("gxsj") is { } updated && !ChinaTime.TryParse(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, "gxsj", "is not a date and time", raw));
        }
        if (incident.HasNonNumber("zbx") || incident.HasNonNumber("zby") || (incident.Number("zbx") is null) != (incident.Number("zby") is null))
        {
            return (null, Rejections.Invalid(id, "zbx/zby", "must both be numbers or both be absent", raw));
        }
        RecordLocation? location = null;
        if (incident.Number("zbx") is { } x && incident.Number("zby") is { } y
            && !Coordinates.TryCreate(x, y, CoordinateSystem.Wgs84, out location, out var why))
        {
            return (null, Rejections.Invalid(id, "zbx/zby", why, raw));
        }
        var address = incident.Text("afdd");
        if (location is null && address is null)
        {
            return (null, Rejections.Missing(id, "afdd", raw));
        }
        var phone = incident.Text("bjrdh");
        var idNumber = incident.Text("bjrzjhm");
        var text = PersonalData.ScrubText(content);
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = reportedAt,
            Text = text,
            Location = location,
            Address = address is null ? null : PersonalData.ScrubText(address),
            ChannelCategory = kind,
            // The kind says what sort of case it is; the text often says more precisely what the need is.
            CategoryCode = Categories.Map(text) is { } specific && specific.StartsWith(kindCode, StringComparison.Ordinal) ? specific : kindCode,
            Reporter = Reporters.Describe(context, reportedAt, phone, idNumber, gender: Reporters.ParseGender(incident.Text("bjrxb"))),
            Contact = Reporters.Contact(incident.Text("bjrxm"), phone, idNumber),
            Attributes = new Attributes()
                .Add("incident_kind_code", incident.Text("jqlbdm"))
                .Add("police_station", incident.Text("cjdw"))
                .Add("outcome", incident.Text("cjjg"))
                .Build(),
        };
        return (record, null);
    }
}
