using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.DemoCity.Schools;

namespace NeedsMap.Api.Areas;

/// <summary>Loads the demo's school districts (generated around generated school locations, and saying so) when the city has no service areas.</summary>
public sealed class DemoSchoolDistrictsLoader(NeedsMapDbContext db, TimeProvider time, ILogger<DemoSchoolDistrictsLoader> logger)
{
    public async Task LoadIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<ServiceArea>().AnyAsync(cancellationToken))
        {
            return;
        }
        var districts = SchoolDistricts.For(DemoBoundaryGenerator.Yiwu);
        db.AddRange(districts.Select(d => new ServiceArea
        {
            Code = d.Code, Name = d.Name, Kind = ServiceAreaKind.SchoolDistrict, Boundary = d.Boundary, Source = SchoolDistricts.Source,
            ImportedAt = time.GetUtcNow(), ImportedBy = "demo",
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Loaded {Count} demo school districts", districts.Count);
        }
        catch (DbUpdateException)
        {
            // Another server loaded them first.
        }
    }
}
