using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Loop.Consultations;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Lists;
using NeedsMap.Api.Loop.Scenes;
using NeedsMap.Api.Needs;
using NeedsMap.DemoCity.Needs;
using Npgsql;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>
/// Tells the demo city's story on top of its generated needs, once: 鸡鸣山's whistles, scene and consultation, the
/// vaccination booking scene, the reform list and the one-thing bundles, each made by the product's own services at
/// its moment before the demo's now, then every scene judged by the product's scene-effect calculator. Runs after the
/// database initializer and the dispatch seeder (it needs the needs, the reference data and the departments), only
/// when the demo needs are loaded and nothing of the loop exists yet, so a second start or a city in use is left alone.
/// </summary>
public sealed class DemoStoryLoader(IServiceScopeFactory scopes, IConfiguration configuration, DemoTimeline timeline,
    ILogger<DemoStoryLoader> logger) : IHostedService
{
    /// <summary>"demostor" as a number: the session-level advisory lock held while the story is told (closing the connection frees it).</summary>
    private const long LockKey = 0x64656D6F73746F72;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("NeedsMap:LoadDemoCity", false) || !configuration.GetValue("NeedsMap:LoadDemoNeeds", true)
            || !configuration.GetValue("NeedsMap:LoadDemoStory", true) || !string.IsNullOrEmpty(configuration[CityDataFolder.Setting]))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        // Servers starting together on one fresh database: the first to take the lock tells the story, the others find it told.
        await using var lockConnection = await scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", LockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        if (!await IsUntoldAsync(db, cancellationToken))
        {
            return;
        }
        // The needs' own end: the generator's calendar (its days, the booking day) is the story's.
        var now = configuration.GetValue<DateTimeOffset?>("NeedsMap:DemoNow") ?? timeline.NeedsEndAt
            ?? await db.Needs.MaxAsync(n => (DateTimeOffset?)n.ReceivedAt, cancellationToken);
        if (now is null)
        {
            return;
        }
        var watch = Stopwatch.StartNew();
        var generator = DemoNeedsGenerator.ForYiwu(now.Value);
        var calendar = new StoryCalendar(generator);
        var stage = new StoryStage(scope.ServiceProvider, new DemoClock(calendar.Now));
        await new ListsChapter(stage, calendar).RunAsync(cancellationToken);
        await new NoiseChapter(stage, calendar, new JimingshanConsultation(stage, calendar, generator.StorySite)).RunAsync(cancellationToken);
        await new VaccinationChapter(stage, new DateTimeOffset(generator.BookingOpenedAt, TimeSpan.Zero)).RunAsync(cancellationToken);
        var verdicts = await JudgeScenesAsync(stage, calendar.Now, cancellationToken);
        logger.LogInformation("Told the demo story ending {Now:u} in {Elapsed} ms: scenes judged {Verdicts}", now, watch.ElapsedMilliseconds,
            string.Join(", ", verdicts));
    }

    /// <summary>Every scene judged now by the product's calculator; NO_EFFECT flags it for re-planning.</summary>
    private static async Task<List<string>> JudgeScenesAsync(StoryStage stage, DateTimeOffset now, CancellationToken ct)
    {
        var scenes = await stage.Db.Set<Scene>().OrderBy(s => s.Id).ToListAsync(ct);
        var verdicts = new List<string>();
        foreach (var scene in scenes)
        {
            var effect = await stage.At(now).Evaluation().EvaluateAsync(scene, ct);
            verdicts.Add($"{scene.Name} {effect.Verdict}");
        }
        return verdicts;
    }

    /// <summary>Demo needs are there, and no whistle, scene, consultation, reform item or bundle yet.</summary>
    private static async Task<bool> IsUntoldAsync(NeedsMapDbContext db, CancellationToken ct) =>
        await db.Needs.AnyAsync(n => n.JurisdictionCode == DemoStory.CommunityCode, ct)
        && !await db.Set<Whistle>().AnyAsync(ct) && !await db.Set<Scene>().AnyAsync(ct) && !await db.Set<Consultation>().AnyAsync(ct)
        && !await db.Set<ReformItem>().AnyAsync(ct) && !await db.Set<OneThing>().AnyAsync(ct);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
