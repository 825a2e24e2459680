using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Jurisdictions.Import;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Divisions;

namespace NeedsMap.Api.Data.Seeding;

/// <summary>
/// Loads the demo city, Yiwu, into an empty store: its real divisions with generated street and community
/// boundaries (they say so in boundarySource), then a year of generated needs.
/// </summary>
public sealed class DemoCityLoader(NeedsMapDbContext db, JurisdictionImporter importer, ILogger<DemoCityLoader> logger)
{
    public async Task LoadJurisdictionsIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Jurisdictions.AnyAsync(cancellationToken))
        {
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
