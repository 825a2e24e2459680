using System.Xml.Linq;
using NeedsMap.Channels.Shared;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.WeChat;

/// <summary>
/// Messages residents send to the streets' WeChat official accounts, in WeChat's own push format:
/// <c>&lt;xml&gt;&lt;ToUserName&gt;…</c>, one message, or an exported conversation log of them under a
/// <c>&lt;messages&gt;</c> root. A text (or recognised voice) message is a need. A resident typically sends the
/// place as a separate location message; within one payload it is joined to the same user's request sent
/// within <see cref="PairingWindow"/>. Location_X is the latitude and Location_Y the longitude, in GCJ-02.
/// Without a location the need is placed at the account's jurisdiction.
/// </summary>
public sealed class WeChatAdapter : IChannelAdapter
{
    /// <summary>How far apart a request and a location message may be and still be joined.</summary>
    public static readonly TimeSpan PairingWindow = TimeSpan.FromMinutes(30);

    /// <summary>The official accounts this deployment receives, and the jurisdiction each serves.</summary>
    public static readonly IReadOnlyDictionary<string, string> YiwuAccounts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gh_8a1c2e3f4b5d"] = "义乌市江东街道",
        ["gh_5e6f7a8b9c0d"] = "义乌市稠城街道",
        ["gh_1b2c3d4e5f6a"] = "义乌市福田街道",
    };

    private static readonly HashSet<string> Greetings = new(StringComparer.OrdinalIgnoreCase) { "你好", "您好", "在吗", "在吗？", "hi", "hello", "谢谢", "好的", "1" };

    private static readonly CategoryMap Categories = new([]);

    private readonly IReadOnlyDictionary<string, string> _accounts;

    /// <summary>Creates the adapter for Yiwu's street accounts.</summary>
    public WeChatAdapter()
        : this(YiwuAccounts)
    {
    }

    /// <summary>Creates the adapter for the given accounts.</summary>
    /// <param name="accounts">Each official account's original id (gh_…) and the jurisdiction it serves.</param>
    public WeChatAdapter(IReadOnlyDictionary<string, string> accounts)
    {
        _accounts = accounts;
    }

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        "wechat",
        "街道微信公众号留言",
        "application/xml",
        CoordinateSystem.Gcj02,
        "居民发给街道微信公众号的消息（微信推送XML）。文字或语音识别消息为诉求；同一用户30分钟内发送的位置消息作为其地点（Location_X为纬度、Location_Y为经度，GCJ-02）；无位置时定位到公众号所属街道。事件、图片、寒暄及单独的位置消息剔除（not_a_need）。")
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
        var messages = root!.Name.LocalName == "xml" ? [root] : root.Elements("xml").ToList();
        var parsed = messages.Select(WeChatMessage.Read).ToList();
        var locations = parsed.Where(m => m.Type == "location" && m.Problem is null).ToList();
        var used = new HashSet<WeChatMessage>();
        var records = new List<NeedRecord>();
        var rejected = new List<RejectedRecord>();
        void Reject(RejectedRecord rejection)
        {
            ChannelLog.Rejected(context.Logger, Descriptor.Code, rejection);
            rejected.Add(rejection);
        }
        foreach (var message in parsed.Where(m => m.Type != "location" || m.Problem is not null))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (message.Problem is { } problem)
            {
                Reject(problem);
                continue;
            }
            var request = message.Type switch
            {
                "text" => message.Content,
                "voice" => message.Recognition,
                _ => null,
            };
            if (request is null || Greetings.Contains(request.Trim()))
            {
                Reject(new RejectedRecord(message.MsgId, RejectReasons.NotANeed, $"A {message.Type} message without a request.", message.Raw));
                continue;
            }
            var place = locations
                .Where(l => l.From == message.From && (l.SentAt - message.SentAt).Duration() <= PairingWindow && !used.Contains(l))
                .OrderBy(l => (l.SentAt - message.SentAt).Duration())
                .FirstOrDefault();
            if (place is not null)
            {
                used.Add(place);
            }
            var address = place?.Label ?? _accounts.GetValueOrDefault(message.To);
            if (place is null && address is null)
            {
                Reject(new RejectedRecord(message.MsgId, RejectReasons.MissingField, "No location message and an account of unknown jurisdiction.", message.Raw));
                continue;
            }
            records.Add(ToRecord(message, request, place, address, context));
        }
        foreach (var lone in locations.Where(l => !used.Contains(l)))
        {
            Reject(new RejectedRecord(lone.MsgId, RejectReasons.NotANeed, "A location with no request near it.", lone.Raw));
        }
        return new ParseResult(records, rejected);
    }

    private static NeedRecord ToRecord(WeChatMessage message, string request, WeChatMessage? place, string? address, IChannelContext context)
    {
        var phone = TextContacts.FindMobile(request);
        return new NeedRecord
        {
            ExternalId = message.MsgId!,
            Version = RecordVersion.FromTime(message.SentAt),
            ReceivedAt = message.SentAt,
            Text = PersonalData.ScrubText(request),
            Location = place?.Location,
            Address = address is null ? null : PersonalData.ScrubText(address),
            CategoryCode = Categories.Map(request),
            Reporter = Reporters.Describe(context, message.SentAt, null, null, accountId: message.From),
            Contact = Reporters.Contact(null, phone, null),
            Attributes = new Attributes()
                .Add("official_account", message.To)
                .Add("message_type", message.Type)
                .Add("location_message_id", place?.MsgId)
                .Add("address_precision", place is null ? "jurisdiction" : "point")
                .Build(),
        };
    }

    private sealed record WeChatMessage(
        string Raw, string? MsgId, string To, string From, string Type, DateTimeOffset SentAt,
        string? Content, string? Recognition, RecordLocation? Location, string? Label, RejectedRecord? Problem)
    {
        public static WeChatMessage Read(XElement xml)
        {
            var raw = xml.ToString(SaveOptions.DisableFormatting);
            var msgId = xml.Text("MsgId");
            var type = xml.Text("MsgType") ?? "";
            WeChatMessage Problem(RejectedRecord rejection) => new(raw, msgId, "", "", type, default, null, null, null, null, rejection);

            if (xml.Text("ToUserName") is not { } to || xml.Text("FromUserName") is not { } from)
            {
                return Problem(Rejections.Missing(msgId, "ToUserName/FromUserName", raw));
            }
            if (type.Length == 0)
            {
                return Problem(Rejections.Missing(msgId, "MsgType", raw));
            }
            if (!long.TryParse(xml.Text("CreateTime"), out var seconds) || seconds <= 0)
            {
                return Problem(Rejections.Invalid(msgId, "CreateTime", "is not a Unix time", raw));
            }
            if (type == "event")
            {
                return Problem(new RejectedRecord(null, RejectReasons.NotANeed, $"An event ({xml.Text("Event")}) is not a message.", raw));
            }
            if (msgId is null)
            {
                return Problem(Rejections.Missing(null, "MsgId", raw));
            }
            RecordLocation? location = null;
            if (type == "location")
            {
                // WeChat's Location_X is the latitude and Location_Y the longitude.
                if (xml.Number("Location_X") is not { } lat || xml.Number("Location_Y") is not { } lon)
                {
                    return Problem(Rejections.Invalid(msgId, "Location_X/Location_Y", "are missing or not numbers", raw));
                }
                if (!Coordinates.TryCreate(lon, lat, CoordinateSystem.Gcj02, out location, out var why))
                {
                    return Problem(Rejections.Invalid(msgId, "Location_X/Location_Y", why, raw));
                }
            }
            return new WeChatMessage(raw, msgId, to, from, type, ChinaTime.FromUnixSeconds(seconds),
                xml.Text("Content"), xml.Text("Recognition"), location, xml.Text("Label"), null);
        }
    }
}
