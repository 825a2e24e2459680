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
    /// <summary>Loads a year of generated needs ending now (or at NeedsMap:DemoNow, to pin the data set) when there are none.</summary>
    public async Task LoadNeedsIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Needs.AnyAsync(cancellationToken))
        {
            return;
        }
        var now = configuration.GetValue<DateTimeOffset?>("NeedsMap:DemoNow") ?? time.GetUtcNow();
        var count = configuration.GetValue("NeedsMap:DemoNeedCount", DemoNeedsGenerator.DefaultCount);
        var paths = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Code, j => j.Path, cancellationToken);
        var channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var otherCity = configuration[CityDataFolder.Setting] is { Length: > 0 };
        var generator = otherCity
            ? new DemoNeedsGenerator(CityDataFolder.Boundaries(await db.Jurisdictions.AsNoTracking().ToListAsync(cancellationToken)), now)
            : DemoNeedsGenerator.ForYiwu(now);
        var demo = generator.Generate(count).ToList();
        // Five years of school-place needs in the demo's school districts (Areas), so their forecasts have a history. The
        // districts are drawn on Yiwu's streets; another city imports its own service areas (as DatabaseInitializer says).
        var all = !otherCity && configuration.GetValue("NeedsMap:LoadDemoSchoolDemand", false)
            ? demo.Concat(DemoCity.Schools.EnrolmentDemand.Generate(generator.Boundaries, now, demo))
            : demo;
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
        }).ToList();
        // Every quarter the years span gets its partitions first, so the rows land there and the rebuilds below analyse them.
        if (needs.Count > 0)
        {
            await partitions.EnsureSpanAsync(needs.Min(n => n.ReceivedAt), needs.Max(n => n.ReceivedAt), cancellationToken);
        }
        var written = await bulk.WriteAsync(needs, cancellationToken);
        logger.LogInformation("Loaded {Count} generated demo needs ending {Now:u}", written, now);
        timeline.NeedsEndAt = now;
        // COPY bypasses the ingestion hooks, so the cell rollups are built once from what was loaded.
        await cells.RebuildAsync(cancellationToken);
        // Likewise the cases, topics and key-matter rollups.
        await keyMatters.RebuildAsync(cancellationToken);
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
