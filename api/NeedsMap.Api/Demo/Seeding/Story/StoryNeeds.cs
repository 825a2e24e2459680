using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Needs;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>The generated complaints the story points at: 鸡鸣山's night construction noise, in a time window.</summary>
internal static class StoryNeeds
{
    private static IQueryable<Needs.Need> Complaints(NeedsMapDbContext db, DateTimeOffset from, DateTimeOffset until) =>
        db.Needs.AsNoTracking().Where(n => n.JurisdictionCode == DemoStory.CommunityCode && n.CategoryCode == DemoStory.CategoryCode
            && n.ReceivedAt >= from && n.ReceivedAt < until);

    /// <summary>Global ids of the complaints received in [from, until), oldest first, at most <paramref name="take"/>.</summary>
    public static async Task<List<string>> ComplaintsAsync(NeedsMapDbContext db, DateTimeOffset from, DateTimeOffset until, CancellationToken ct,
        int take = 20) =>
        (await Complaints(db, from, until).OrderBy(n => n.ReceivedAt).ThenBy(n => n.Id).Select(n => n.Id).Take(take).ToListAsync(ct))
            .Select(StoryIds.Need).ToList();

    public static Task<int> CountAsync(NeedsMapDbContext db, DateTimeOffset from, DateTimeOffset until, CancellationToken ct) =>
        Complaints(db, from, until).CountAsync(ct);
}
