using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Loop.Consultations;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Lists;
using NeedsMap.Api.Loop.Scenes;
using NeedsMap.Api.Reference;
using NeedsMap.DemoCity.Needs;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Utilities;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>
/// 请你来协商 in 鸡鸣山社区: the community's secretary, a deputy, a CPPCC member, a party member and residents discuss the
/// night construction noise; the deputy's sound-sensor proposal gathers the support, a full night stop does not; the
/// close creates the sensor scene around the site, blows the whistle to the environment bureau and puts night-work
/// permits on the reform list, all in one commit. Returns the whistle's id.
/// </summary>
internal sealed class JimingshanConsultation(StoryStage stage, StoryCalendar calendar, GeoPoint site)
{
    private const double SensorRadiusMetres = 300;
    private const double MetresPerDegree = 111_195;

    public async Task<long> RunAsync(CancellationToken ct)
    {
        var desk = stage.As(StoryCast.JimingshanDesk);
        var opened = calendar.Day(45, 19);
        var raisedFrom = await StoryNeeds.ComplaintsAsync(stage.Db, calendar.Day(46), opened, ct, take: 1);
        var start = stage.At(opened).Discussion(desk);
        var consultation = await start.StartAsync(new StartConsultationInput("鸡鸣山工地夜间施工噪声怎么治？", raisedFrom.FirstOrDefault(),
            raisedFrom.Count == 0 ? DemoStory.CategoryCode : null, raisedFrom.Count == 0 ? DemoStory.CommunityCode : null, 5), ct);
        var id = StoryIds.Consultation(consultation.Id);

        var people = new Dictionary<string, string>();
        var minute = 0;
        foreach (var (key, name, role) in Cast)
        {
            var joined = await stage.At(opened.AddMinutes(++minute)).Discussion(desk).JoinAsync(new JoinConsultationInput(id, name, role), ct);
            people[key] = StoryIds.Participant(joined.Id);
        }

        var recent = await StoryNeeds.CountAsync(stage.Db, opened.AddDays(-90), opened, ct);
        var posts = new Dictionary<string, string>();
        foreach (var (key, author, replyTo, daysAgo, hour, body) in Thread(recent))
        {
            var post = await stage.At(calendar.Day(daysAgo, hour)).Discussion(desk).PostAsync(
                new PostInput(id, people[author], body, replyTo is null ? null : posts[replyTo]), ct);
            posts[key] = StoryIds.Post(post.Id);
        }

        var sensors = await stage.At(calendar.Day(43, 10)).Proposals().ProposeAsync(new ProposeInput(id, people["deputy"],
            "在工地四周安装噪声在线监测设备（声音传感器），22:00 后超过 55 分贝自动告警，数据实时推送生态环境分局和综合执法局，并在社区公示。"), ct);
        var nightStop = await stage.At(calendar.Day(43, 11)).Proposals().ProposeAsync(new ProposeInput(id, people["mother"],
            "工地夜间（22:00 至次日 6:00）全面停工，工期由白天加班补回。"), ct);
        var voters = new[] { "li", "zhou", "mother", "wu", "cppcc", "secretary" };
        for (var i = 0; i < voters.Length; i++)
        {
            await stage.At(calendar.Day(43 - i / 2, 20, i * 7)).Proposals().SupportAsync(new SupportProposalInput(StoryIds.Proposal(sensors.Id), people[voters[i]]), ct);
        }
        var lateVoters = new[] { "zhou", "mother" };
        foreach (var (voter, i) in lateVoters.Select((v, i) => (v, i)))
        {
            await stage.At(calendar.Day(42, 21, i * 5)).Proposals().SupportAsync(new SupportProposalInput(StoryIds.Proposal(nightStop.Id), people[voter]), ct);
        }

        var closed = calendar.Day(25, 16);
        var evidence = await StoryNeeds.ComplaintsAsync(stage.Db, closed.AddDays(-7), closed, ct);
        var area = await SensorAreaAsync(ct);
        var done = await stage.At(closed).Closing(desk).CloseAsync(new CloseConsultationInput(id,
            "采纳声音传感器方案：项目四周安装 4 台噪声在线监测设备，22:00 后超标自动告警并推送生态环境分局；全面夜间停工的提议未获足够支持。"
            + "夜间施工许可与噪声监测联动，列入改革清单。",
            new CreateSceneInput("鸡鸣山工地噪声在线监测（声音传感器）", "协商决定：工地四周 4 台声音传感器，22:00 后超过 55 分贝自动告警，告警记录在社区公示。",
                area, [DemoStory.CategoryCode], calendar.Day(18, 22)),
            new BlowWhistleInput(DemoStory.CommunityCode, "鸡鸣山工地噪声在线监测与超标查处", evidence, null, null, ["environment"], 240,
                "协商决定安装声音传感器，请生态环境分局牵头选型、联网并依据监测数据查处。"),
            new ReformItemInput("夜间施工许可与噪声在线监测联动",
                "夜间施工许可由住建部门审批，噪声超标由生态环境部门监测、综合执法部门查处，三方数据不通：许可照发，投诉反复，巡查难以每晚到场。",
                ["housing", "environment", "enforcement"], true,
                string.Create(CultureInfo.InvariantCulture, $"鸡鸣山社区请你来协商：协商前 90 天平台收到该工地夜间施工噪声诉求 {recent} 件；夜间联合巡查场景效果不明显。"),
                evidence)), ct);
        return done.WhistleId ?? throw new InvalidOperationException("The consultation's close blew no whistle.");
    }

    private static readonly (string Key, string Name, ParticipantRole Role)[] Cast =
    [
        ("secretary", "王芳（鸡鸣山社区党委书记）", ParticipantRole.Official),
        ("deputy", "陈建华（市人大代表）", ParticipantRole.PeoplesDeputy),
        ("cppcc", "金丽（市政协委员）", ParticipantRole.CppccMember),
        ("wu", "吴伟（党员志愿者）", ParticipantRole.PartyMember),
        ("li", "李秀英（居民）", ParticipantRole.Resident),
        ("zhou", "周强（居民，住工地对面）", ParticipantRole.Resident),
        ("mother", "赵敏（居民）", ParticipantRole.Resident),
    ];

    private static IEnumerable<(string Key, string Author, string? ReplyTo, int DaysAgo, int Hour, string Body)> Thread(int recent) =>
    [
        ("open", "secretary", null, 45, 19, string.Create(CultureInfo.InvariantCulture,
            $"近 90 天平台上鸡鸣山工地夜间施工噪声的诉求有 {recent} 件，执法巡查之后仍然反复。今天请大家一起商量怎么从根上解决。")),
        ("sleep", "li", null, 45, 20, "晚上十一点以后还在打桩，孩子第二天要上学，整夜睡不好。"),
        ("pump", "zhou", "sleep", 45, 21, "我家正对工地，凌晨两三点泵车还在响。巡查的人一走就又开工。"),
        ("patrol", "secretary", "pump", 44, 9, "巡查确实做不到每晚全程盯着，这也是今天要协商的。"),
        ("permit", "deputy", null, 44, 10, "我去工地看过。夜间施工许可是住建批的，噪声超不超标靠人盯不现实。建议装在线监测，数据直接推给环保和执法。"),
        ("elsewhere", "cppcc", "permit", 44, 14, "外地已有噪声监测加自动告警的做法，数据还可以向居民公开，大家心里有数。"),
        ("quiet", "mother", null, 43, 9, "能不能规定夜里只许做不扰民的工序？"),
        ("volunteer", "wu", "quiet", 43, 12, "党员志愿者可以协助记录告警和居民反映，每周在公示栏更新。"),
    ];

    /// <summary>About <see cref="SensorRadiusMetres"/> around the site where the generator centres the complaints, inside the community.</summary>
    private async Task<Geometry> SensorAreaAsync(CancellationToken ct)
    {
        var community = await stage.Db.Jurisdictions.AsNoTracking().Where(j => j.Code == DemoStory.CommunityCode).Select(j => j.Boundary).SingleAsync(ct);
        var shape = new GeometricShapeFactory(community.Factory)
        {
            Centre = new Coordinate(site.Longitude, site.Latitude),
            Width = 2 * SensorRadiusMetres / (MetresPerDegree * Math.Cos(site.Latitude * Math.PI / 180)),
            Height = 2 * SensorRadiusMetres / MetresPerDegree,
            NumPoints = 48,
        };
        var area = shape.CreateEllipse().Intersection(community);
        area.SRID = 4326;
        return area;
    }
}
