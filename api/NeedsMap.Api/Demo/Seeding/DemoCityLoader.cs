using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Jurisdictions.Import;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Divisions;
using NeedsMap.DemoCity.Needs;

namespace NeedsMap.Api.Demo.Seeding;

/// <summary>
/// Loads the demo city, Yiwu, into an empty store: its real divisions with generated street and community
/// boundaries (they say so in boundarySource), then a year of generated needs.
/// </summary>
public sealed class DemoCityLoader(NeedsMapDbContext db, JurisdictionImporter importer, NeedBulkWriter bulk, TimeProvider time,
    IConfiguration configuration, Weather.Rollups.CellRollupRebuilder cells, KeyMatters.Rollups.KeyMatterRebuilder keyMatters,
    Story.DemoTimeline timeline, Divisions.ICityDataLoader cityData, Partitions.PartitionUpkeep partitions, ILogger<DemoCityLoader> logger)
{
    /// <inheritdoc cref="LoadNeedsIfEmptyAsync(bool, CancellationToken)"/>
    public Task LoadNeedsIfEmptyAsync(CancellationToken cancellationToken) => LoadNeedsIfEmptyAsync(countCells: true, cancellationToken);

    /// <summary>
    /// Loads a year of generated needs ending now (or at NeedsMap:DemoNow, to pin the data set) when there are none:
    /// NeedsMap:DemoNeedCount of them over NeedsMap:DemoNeedDays days (365 unless a benchmark asks for up to ten years).
    /// The needs stream from the generator into one COPY, so ten million cost no more memory than twenty thousand.
    /// </summary>
    /// <param name="countCells">
    /// False to leave the cell rollups unbuilt: for a benchmark that asks only key matters, since building them for ten million
    /// needs takes most of an hour. The server counts them when a need arrives, not from nothing; rebuild-cells builds them.
    /// </param>
    public async Task LoadNeedsIfEmptyAsync(bool countCells, CancellationToken cancellationToken)
    {
        if (await db.Needs.AnyAsync(cancellationToken))
        {
            return;
        }
        var now = configuration.GetValue<DateTimeOffset?>("NeedsMap:DemoNow") ?? time.GetUtcNow();
        var count = configuration.GetValue("NeedsMap:DemoNeedCount", DemoNeedsGenerator.DefaultCount);
        var days = configuration.GetValue("NeedsMap:DemoNeedDays", DemoNeedsGenerator.DefaultWindowDays);
        var paths = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Code, j => j.Path, cancellationToken);
        var channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var otherCity = configuration[CityDataFolder.Setting] is { Length: > 0 };
        var generator = otherCity
            ? new DemoNeedsGenerator(CityDataFolder.Boundaries(await db.Jurisdictions.AsNoTracking().ToListAsync(cancellationToken)), now,
                windowDays: days)
            : DemoNeedsGenerator.ForYiwu(now, windowDays: days);
        // In the order they were received, so ids follow time as they do when needs arrive: the key-matter rebuild below walks
        // needs in id order, and each of its batches then reads a few days of one quarter's partition instead of the decade.
        var all = generator.GenerateInReceivedOrder(count);
        var first = new DateTimeOffset(generator.WindowStart);
        var any = count > 0;
        // Five years of school-place needs in the demo's school districts (Areas), so their forecasts have a history. The
        // districts are drawn on Yiwu's streets; another city imports its own service areas (as DatabaseInitializer says).
        if (!otherCity && configuration.GetValue("NeedsMap:LoadDemoSchoolDemand", false))
        {
            var demo = all.ToList(); // the school needs top up what the demo already holds in each district
            var schools = DemoCity.Schools.EnrolmentDemand.Generate(generator.Boundaries, now, demo);
            all = demo.Concat(schools).OrderBy(n => n.ReceivedAt); // stable: ties keep the generator's order
            first = schools.Select(n => new DateTimeOffset(DateTime.SpecifyKind(n.ReceivedAt, DateTimeKind.Utc))).Append(first).Min();
            any |= schools.Count > 0;
        }
        var needs = all.Select(d => new Need
        {
            ChannelCode = d.ChannelCode,
            ExternalId = d.ExternalId,
            Version = 1,
            ReceivedAt = new DateTimeOffset(DateTime.SpecifyKind(d.ReceivedAt, DateTimeKind.Utc)),
            UpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(d.ReceivedAt, DateTimeKind.Utc)),
            Text = d.Text,
            CategoryCode = d.CategoryCode,
            Status = StatusOf(d.Status),
            Weight = NeedWeight.Of(channels[d.ChannelCode], categories.GetValueOrDefault(d.CategoryCode)),
            Location = d.ToPoint(),
            Address = d.Address,
            LocatedBy = LocatedBy.Coordinates,
            JurisdictionCode = d.CommunityCode,
            JurisdictionPath = paths[d.CommunityCode],
            ReporterKey = d.Reporter.ReporterKey,
            ReporterAgeBand = d.Reporter.AgeBand,
            ReporterGender = d.Reporter.Gender,
            ReporterGroup = d.Reporter.Group,
        });
        // Every quarter the years span gets its partitions first, so the rows land there and the rebuilds below analyse them.
        if (any)
        {
            await partitions.EnsureSpanAsync(first, new DateTimeOffset(generator.Now), cancellationToken);
        }
        var written = await bulk.WriteAsync(needs, cancellationToken);
        logger.LogInformation("Loaded {Count} generated demo needs ending {Now:u}", written, now);
        timeline.NeedsEndAt = now;
        // COPY bypasses the ingestion hooks, so the cell rollups are built once from what was loaded.
        if (countCells)
        {
            await cells.RebuildAsync(cancellationToken);
        }
        // Likewise the cases, topics and key-matter rollups. A big load (a benchmark's millions) says how far it has come.
        var tenth = 0L;
        await keyMatters.RebuildAsync((done, total) =>
        {
            if (total >= 1_000_000 && done * 10 / total > tenth)
            {
                tenth = done * 10 / total;
                logger.LogInformation("Key matters: {Done} of {Total} needs linked into cases and tagged", done, total);
            }
        }, cancellationToken);
    }

    private static NeedStatus StatusOf(string demo) => demo switch
    {
        "new" => NeedStatus.New,
        "accepted" => NeedStatus.Assigned,
        "in_progress" => NeedStatus.InProgress,
        "resolved" => NeedStatus.Resolved,
        "closed" => NeedStatus.Closed,
        _ => throw new InvalidOperationException($"Unknown demo status {demo}."),
    };

    public async Task LoadJurisdictionsIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Jurisdictions.AnyAsync(cancellationToken))
        {
            return;
        }
        if (configuration[CityDataFolder.Setting] is { Length: > 0 } folder)
        {
            await cityData.LoadAsync(folder, cancellationToken);
            return;
        }
        var boundaries = DemoBoundaryGenerator.Yiwu;
        var records = new[] { boundaries.City }.Concat(boundaries.Streets).Concat(boundaries.Communities)
            .Select(b => new JurisdictionRecord(b.Code, b.Jurisdiction.Name, b.Jurisdiction.OfficialName, b.Jurisdiction.ParentCode,
                KindName(b.Jurisdiction.Kind), b.Geometry, b.RepresentativePoint,
                b.Jurisdiction.Kind == JurisdictionKind.City ? "official" : "generated"))
            .ToList();
        var count = await importer.ImportAsync(records, cancellationToken);
        logger.LogInformation("Loaded the demo city: {Count} jurisdictions (street and community boundaries generated)", count);
    }

    private static string KindName(JurisdictionKind kind) => kind.ToString().ToLowerInvariant();
}
