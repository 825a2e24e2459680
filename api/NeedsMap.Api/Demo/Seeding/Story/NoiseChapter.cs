using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Scenes;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>
/// 鸡鸣山社区's night-time construction noise, as the platform handled it: a first whistle to the environment and
/// enforcement bureaus (resolved, rated 2/5: the noise came back), a night-patrol scene (it did not work), the
/// consultation that chose sound sensors (<see cref="JimingshanConsultation"/>), the whistle it blew to the environment
/// bureau (resolved, rated 4/5), and a fresh whistle still waiting for the bureau to report.
/// </summary>
internal sealed class NoiseChapter(StoryStage stage, StoryCalendar calendar, JimingshanConsultation consultation)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await FirstWhistleAsync(ct);
        await PatrolSceneAsync(ct);
        var whistleId = await consultation.RunAsync(ct);
        await SensorWhistleAsync(whistleId, ct);
        await OpenWhistleAsync(ct);
    }

    private async Task FirstWhistleAsync(CancellationToken ct)
    {
        var needs = await ComplaintsAsync(calendar.Day(107), calendar.Day(100, 9, 30), ct);
        var whistle = await stage.At(calendar.Day(100, 9, 30)).Blowing(stage.As(StoryCast.JimingshanDesk)).BlowAsync(new BlowWhistleInput(
            DemoStory.CommunityCode, "鸡鸣山安置房工地夜间施工噪声", needs, null, null, ["environment", "enforcement"], 72,
            "居民连续投诉工地22点后打桩、泵车作业，请生态环境分局、综合执法局联合到场。"), ct);
        await ActAsync(calendar.Day(100, 14), StoryCast.EnvironmentClerk, whistle.Id, (w, i) => w.AcknowledgeAsync(i, ct), "已接单，今晚到场做夜间噪声监测。");
        await ActAsync(calendar.Day(100, 15, 10), StoryCast.EnforcementClerk, whistle.Id, (w, i) => w.AcknowledgeAsync(i, ct), "执法中队今晚联合检查。");
        await ActAsync(calendar.Day(99, 1, 20), StoryCast.EnvironmentClerk, whistle.Id, (w, i) => w.ReportProgressAsync(i, ct),
            "23:40 现场监测 68 分贝，超过夜间 55 分贝限值，已取证。");
        await ActAsync(calendar.Day(97, 10), StoryCast.EnforcementClerk, whistle.Id, (w, i) => w.ResolveAsync(i, ct),
            "已对施工单位立案，责令 22:00 后停止高噪声作业，项目部书面承诺整改。");
        await RateAsync(calendar.Day(95, 20), whistle.Id, 2, "白天好了，半夜还是在打桩。", ct);
    }

    private async Task PatrolSceneAsync(CancellationToken ct)
    {
        var area = await stage.Db.Jurisdictions.AsNoTracking().Where(j => j.Code == DemoStory.CommunityCode).Select(j => j.Boundary).SingleAsync(ct);
        await stage.At(calendar.Day(71, 10)).Scenes(stage.As(StoryCast.JiangdongStreetDesk)).CreateAsync(new CreateSceneInput(
            "鸡鸣山工地夜间联合巡查", "整改承诺之后：综合执法局、生态环境分局每晚 22:00 至次日 2:00 轮流巡查工地，发现夜间施工当场制止。",
            area, [DemoStory.CategoryCode], calendar.Day(70)), ct);
    }

    private async Task SensorWhistleAsync(long whistleId, CancellationToken ct)
    {
        await ActAsync(calendar.Day(25, 17, 30), StoryCast.EnvironmentClerk, whistleId, (w, i) => w.AcknowledgeAsync(i, ct), "已报到，负责传感器选型与联网。");
        await ActAsync(calendar.Day(18, 23), StoryCast.EnvironmentClerk, whistleId, (w, i) => w.ReportProgressAsync(i, ct),
            "工地四周 4 台声音传感器已上线，22:00 后超过 55 分贝自动告警。");
        await ActAsync(calendar.Day(11, 10), StoryCast.EnvironmentClerk, whistleId, (w, i) => w.ReportProgressAsync(i, ct),
            "依据传感器数据对施工单位再次立案，夜间工序调整为不扰民作业。");
        await ActAsync(calendar.Day(6, 17), StoryCast.EnvironmentClerk, whistleId, (w, i) => w.ResolveAsync(i, ct),
            "连续 5 晚未超标；告警记录在社区公示栏公开。");
        await RateAsync(calendar.Day(4, 20), whistleId, 4, "晚上安静多了，偶尔还有渣土车进出的声音。", ct);
    }

    /// <summary>Last night's complaints, blown to the bureau this morning: it has yet to report (a whistle for the department's clerk).</summary>
    private async Task OpenWhistleAsync(CancellationToken ct)
    {
        var needs = await ComplaintsAsync(calendar.Day(2), calendar.Day(1, 9), ct);
        if (needs.Count == 0)
        {
            return;
        }
        await stage.At(calendar.Day(1, 9)).Blowing(stage.As(StoryCast.JimingshanDesk)).BlowAsync(new BlowWhistleInput(
            DemoStory.CommunityCode, "鸡鸣山工地夜间噪声告警复发", needs, null, null, ["environment"], 72,
            "传感器告警与居民投诉同时出现，请生态环境分局核查。"), ct);
    }

    private Task<List<string>> ComplaintsAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken ct) =>
        StoryNeeds.ComplaintsAsync(stage.Db, from, until, ct);

    private async Task ActAsync(DateTimeOffset at, Caller clerk, long whistleId, Func<WhistleWorkflow, WhistleActionInput, Task<Whistle>> act, string note) =>
        await act(stage.At(at).Workflow(stage.As(clerk)), new WhistleActionInput(StoryIds.Whistle(whistleId), clerk.Department!, note));

    private async Task RateAsync(DateTimeOffset at, long whistleId, int rating, string note, CancellationToken ct) =>
        await stage.At(at).Feedback(stage.As(StoryCast.JimingshanDesk)).RateAsync(new RateWhistleInput(StoryIds.Whistle(whistleId), rating, note), ct);
}
