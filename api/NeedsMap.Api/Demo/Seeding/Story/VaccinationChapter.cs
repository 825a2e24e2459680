using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Loop.Scenes;
using NeedsMap.Api.Reference;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>
/// The vaccination-queue topic of 江东社区卫生服务中心 (接种排队太长，能不能网上预约？) answered by an online booking channel:
/// a scene on the clinic's community from the day the channel opened (the first day of a vaccination wave), the day the generator's complaints there fall
/// (<see cref="DemoBooking"/>). Its verdict is left to the evaluation that follows.
/// </summary>
internal sealed class VaccinationChapter(StoryStage stage, DateTimeOffset openedAt)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var area = await stage.Db.Jurisdictions.AsNoTracking().Where(j => j.Code == DemoBooking.CommunityCode).Select(j => j.Boundary).SingleAsync(ct);
        await stage.At(openedAt.AddDays(-3).AddHours(15)).Scenes(stage.As(StoryCast.HealthCommissionDesk)).CreateAsync(new CreateSceneInput(
            "江东社区卫生服务中心疫苗接种线上预约",
            "关键小事“疫苗接种排队”：居民反映接种排队太长、能否网上预约。卫健局开通线上分时段预约（浙里办、微信），现场取号改为按预约时段接种。",
            area, [DemoBooking.CategoryCode], openedAt), ct);
    }
}
