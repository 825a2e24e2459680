using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Channels;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Api.Data.Seeding;

/// <summary>Adds the standard categories and channels that are missing; never changes what a city edited.</summary>
public static class ReferenceSeeder
{
    public static async Task SeedAsync(NeedsMapDbContext db, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.Select(c => c.Code).ToHashSetAsync(cancellationToken);
        foreach (var c in StandardTaxonomy.All.Where(c => !categories.Contains(c.Code)))
        {
            db.Categories.Add(new Category { Code = c.Code, Name = c.Name, NameEn = c.NameEn, ParentCode = c.ParentCode, IsStandard = true });
        }
        var channels = await db.Channels.Select(c => c.Code).ToHashSetAsync(cancellationToken);
        foreach (var c in StandardChannels.All.Where(c => !channels.Contains(c.Code)))
        {
            db.Channels.Add(new Channel { Code = c.Code, Name = c.Name, NameEn = c.NameEn, Weight = c.Weight, CoordinateSystem = c.CoordinateSystem });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
