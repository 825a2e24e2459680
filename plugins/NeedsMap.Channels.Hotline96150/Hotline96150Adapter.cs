using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.Hotline96150;

/// <summary>
/// The 96150 service hotline's daily export: CSV with Chinese headers, one request per row. Its dispatch desk
/// runs on Baidu maps, so coordinates, where the operator pinned one, are BD-09.
/// </summary>
public sealed class Hotline96150Adapter : IChannelAdapter
{
    private const string Id = "受理编号";
    private const string AcceptedAt = "受理时间";
    private const string UpdatedAt = "更新时间";
    private const string Phone = "来电号码";
    private const string Caller = "来电人";
    private const string ServiceType = "服务类型";
    private const string Content = "服务内容";
    private const string Address = "服务地址";
    private const string Longitude = "百度经度";
    private const string Latitude = "百度纬度";
    private const string Status = "办理状态";
    private const string Group = "人群类别";
    private static readonly string[] RequiredHeaders = [Id, AcceptedAt, Content];

    private static readonly CategoryMap Categories = new(
    [
        ("家电维修", "housing.repair"), ("水电维修", "housing.repair"), ("管道疏通", "utilities.drainage"), ("开锁", "community.affairs"),
        ("助餐", "elderly.meals"), ("助浴", "elderly.home_care"), ("陪诊", "elderly.home_care"), ("家政", "elderly.home_care"),
        ("适老化", "elderly.ageing_friendly"), ("社区活动", "community.activities"), ("办事咨询", "community.affairs"),
    ]);

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "96150",
        "96150便民服务热线",
        "text/csv",
        CoordinateSystem.Bd09,
        "96150便民服务热线每日导出的CSV：维修、家政、养老助餐助浴等生活服务求助。调度台使用百度地图，坐标为BD-09，多数记录只有服务地址。")
    {
        AcceptedFormats = ["text/csv", "text/plain", "application/csv"],
    };

    /// <inheritdoc />
    public ParseResult Parse(ChannelPayload payload, IChannelContext context)
    {
        if (payload.MediaType is not ("text/csv" or "text/plain" or "application/csv"))
        {
            return Rejections.UnsupportedContentType(payload, "text/csv");
        }
        var rows = CsvReader.Read(payload.GetText()).ToList();
        var header = rows.Count == 0 ? [] : rows[0].Fields.Select(h => h.Trim()).ToList();
        var missing = RequiredHeaders.Where(h => !header.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            var failure = new RejectedRecord(null, RejectReasons.MalformedPayload, $"The header lacks {string.Join("、", missing)}.", payload.GetText());
            ChannelLog.Unreadable(context.Logger, Descriptor.Code, payload, failure);
            return ParseResult.Failed(failure);
        }
        return RecordBatch.ParseEach(rows.Skip(1), Descriptor.Code, context, (row, c) => ParseRow(header, row, c));
    }

    private static (NeedRecord?, RejectedRecord?) ParseRow(List<string> header, CsvReader.Row row, IChannelContext context)
    {
        if (row.Fields.Count != header.Count)
        {
            var idIndex = header.IndexOf(Id);
            var knownId = idIndex < row.Fields.Count && !string.IsNullOrWhiteSpace(row.Fields[idIndex]) ? row.Fields[idIndex].Trim() : null;
            return (null, new RejectedRecord(knownId, RejectReasons.MalformedPayload,
                $"Line {row.Line} has {row.Fields.Count} fields, the header {header.Count}.", row.Raw));
        }
        string? Field(string name)
        {
            var index = header.IndexOf(name);
            return index < 0 || string.IsNullOrWhiteSpace(row.Fields[index]) ? null : row.Fields[index].Trim();
        }
        var id = Field(Id);
        if (id is null)
        {
            return (null, Rejections.Missing(null, Id, row.Raw));
        }
        var content = Field(Content);
        if (content is null)
        {
            return (null, Rejections.Missing(id, Content, row.Raw));
        }
        if (!ChinaTime.TryParse(Field(AcceptedAt), out var acceptedAt))
        {
            return (null, Rejections.Invalid(id, AcceptedAt, "is not a date and time", row.Raw));
        }
        var updatedAt = acceptedAt;
        if (Field(UpdatedAt) is { } updated && !ChinaTime.TryParse(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, UpdatedAt, "is not a date and time", row.Raw));
        }
        var (lonText, latText) = (Field(Longitude), Field(Latitude));
        RecordLocation? location = null;
        if (lonText is not null || latText is not null)
        {
            if (!double.TryParse(lonText, System.Globalization.CultureInfo.InvariantCulture, out var lon)
                || !double.TryParse(latText, System.Globalization.CultureInfo.InvariantCulture, out var lat))
            {
                return (null, Rejections.Invalid(id, $"{Longitude}/{Latitude}", "must both be numbers or both be empty", row.Raw));
            }
            if (!Coordinates.TryCreate(lon, lat, CoordinateSystem.Bd09, out location, out var why))
            {
                return (null, Rejections.Invalid(id, $"{Longitude}/{Latitude}", why, row.Raw));
            }
        }
        var address = Field(Address);
        if (location is null && address is null)
        {
            return (null, Rejections.Missing(id, Address, row.Raw));
        }
        var phone = Field(Phone);
        var serviceType = Field(ServiceType);
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = acceptedAt,
            Text = PersonalData.ScrubText(content),
            Location = location,
            Address = address is null ? null : PersonalData.ScrubText(address),
            ChannelCategory = serviceType,
            CategoryCode = Categories.Map(serviceType, content),
            Reporter = Reporters.Describe(context, acceptedAt, phone, null, group: ParseGroup(Field(Group))),
            Contact = Reporters.Contact(Field(Caller), phone, null),
            Attributes = new Attributes().Add("status", Field(Status)).Build(),
        };
        return (record, null);
    }

    private static ReporterGroup? ParseGroup(string? group) => group switch
    {
        "独居老人" => ReporterGroup.ElderlyLivingAlone,
        "外来务工" or "新义乌人" => ReporterGroup.MigrantWorker,
        "本地居民" => ReporterGroup.LocalResident,
        "学生" => ReporterGroup.Student,
        "境外人士" => ReporterGroup.ForeignMerchant,
        _ => null,
    };
}
