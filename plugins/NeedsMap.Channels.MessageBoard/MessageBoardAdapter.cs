using System.Globalization;
using System.Text.Json;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.MessageBoard;

/// <summary>
/// Posts on the community message boards (社区议事厅), JSON as the board's API returns them: a post or a
/// page <c>{"posts":[…],"next_cursor":…}</c>. A published post is a need placed at its board's area, or at the
/// point the mobile app attached (GCJ-02). Likes count as residents seconding it. Posts removed by
/// moderators are not needs.
/// </summary>
public sealed class MessageBoardAdapter : IChannelAdapter
{
    private static readonly string[] Wrappers = ["posts", "data"];

    private static readonly CategoryMap Categories = new(
    [
        ("物业", "housing.property_management"), ("电梯", "housing.elevator"), ("停车", "traffic.parking"),
        ("文体活动", "community.activities"), ("广场舞", "noise.square_dance"), ("养老", "elderly.home_care"),
        ("充电桩", "traffic.ebike"), ("宠物", "environment.sanitation"),
    ]);

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "board",
        "社区议事厅留言板",
        "application/json",
        CoordinateSystem.Gcj02,
        "社区议事厅留言板的帖子：居民发帖反映问题，点赞数代表附议人数。手机端发帖可附位置（GCJ-02），否则定位到版块所属社区。被版主删除或隐藏的帖子剔除（not_a_need）。")
    {
        AcceptedFormats = ["application/json", "text/json"],
    };

    /// <inheritdoc />
    public ParseResult Parse(ChannelPayload payload, IChannelContext context) =>
        RecordBatch.ParseJson(payload, Wrappers, Descriptor.Code, context, (item, c) => ParsePost(item, c));

    private static (NeedRecord?, RejectedRecord?) ParsePost(JsonElement post, IChannelContext context)
    {
        var raw = post.GetRawText();
        if (post.ValueKind != JsonValueKind.Object)
        {
            return (null, new RejectedRecord(null, RejectReasons.MalformedPayload, "A post is not a JSON object.", raw));
        }
        var id = post.Text("tid");
        if (id is null)
        {
            return (null, Rejections.Missing(null, "tid", raw));
        }
        if (post.Text("status") is { } status && status != "published")
        {
            return (null, new RejectedRecord(id, RejectReasons.NotANeed, $"The post is {status}, not published.", raw));
        }
        var title = post.Text("title");
        var content = post.Text("content");
        if (content is null && title is null)
        {
            return (null, Rejections.Missing(id, "content", raw));
        }
        if (!ChinaTime.TryParse(post.Text("created_at"), out var createdAt))
        {
            return (null, Rejections.Invalid(id, "created_at", "is missing or not a date and time", raw));
        }
        var updatedAt = createdAt;
        if (post.Text("updated_at") is { } updated && !ChinaTime.TryParse(updated, out updatedAt))
        {
            return (null, Rejections.Invalid(id, "updated_at", "is not a date and time", raw));
        }
        RecordLocation? location = null;
        if (post.TryGetProperty("location", out var point) && point.ValueKind == JsonValueKind.Object)
        {
            if (point.Number("lng") is not { } lng || point.Number("lat") is not { } lat)
            {
                return (null, Rejections.Invalid(id, "location", "lacks numeric lng and lat", raw));
            }
            if (!Coordinates.TryCreate(lng, lat, CoordinateSystem.Gcj02, out location, out var why))
            {
                return (null, Rejections.Invalid(id, "location", why, raw));
            }
        }
        var board = post.TryGetProperty("board", out var b) ? b : default;
        var area = board.Text("area");
        if (location is null && area is null)
        {
            return (null, Rejections.Missing(id, "board.area", raw));
        }
        var author = post.TryGetProperty("author", out var a) ? a : default;
        var tags = post.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        var text = title is null ? content! : content is null ? title : $"{title}：{content}";
        var record = new NeedRecord
        {
            ExternalId = id,
            Version = RecordVersion.FromTime(updatedAt),
            ReceivedAt = createdAt,
            Text = PersonalData.ScrubText(text),
            Location = location,
            Address = area is null ? null : PersonalData.ScrubText(area),
            ChannelCategory = tags.Count == 0 ? null : string.Join('/', tags),
            CategoryCode = Categories.Map([.. tags, title, content]),
            Reporter = Reporters.Describe(context, createdAt, null, null, accountId: author.Text("uid")),
            Contact = Reporters.Contact(null, TextContacts.FindMobile(text), null),
            Attributes = new Attributes()
                .Add("board", board.Text("name"))
                .Add("likes", post.Number("likes") is { } likes ? ((long)likes).ToString(CultureInfo.InvariantCulture) : null)
                .Add("replies", post.Number("replies") is { } replies ? ((long)replies).ToString(CultureInfo.InvariantCulture) : null)
                .Add("official_reply", post.TryGetProperty("official_reply", out var reply) && reply.ValueKind == JsonValueKind.Object ? "true" : null)
                .Build(),
        };
        return (record, null);
    }
}
