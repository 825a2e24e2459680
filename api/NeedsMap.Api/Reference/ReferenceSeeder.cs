using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Api.Reference;

/// <summary>Adds the standard categories and channels that are missing; never changes what a city edited (a standard rename
/// reaches only a category that still has its former standard name).</summary>
public static class ReferenceSeeder
{
    /// <summary>Standard names before the taxonomy was aligned with hotline routing (issue #16).</summary>
    private static readonly Dictionary<string, (string Name, string NameEn)> FormerNames = new(StringComparer.Ordinal)
    {
        ["education"] = ("教育入学", "Education"),
        ["security"] = ("社会治安", "Public security"),
        ["market"] = ("市场秩序", "Market order"),
        ["employment"] = ("就业社保", "Jobs and social insurance"),
        ["community.activities"] = ("文体活动", "Culture and sports"),
    };

    public static async Task SeedAsync(NeedsMapDbContext db, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.ToDictionaryAsync(c => c.Code, cancellationToken);
        foreach (var c in StandardTaxonomy.All)
        {
            if (!categories.TryGetValue(c.Code, out var stored))
            {
                db.Categories.Add(new Category { Code = c.Code, Name = c.Name, NameEn = c.NameEn, ParentCode = c.ParentCode, IsStandard = true });
            }
            else if (stored.IsStandard && FormerNames.TryGetValue(c.Code, out var former) && stored.Name == former.Name && stored.NameEn == former.NameEn)
            {
                // Renamed in the standard taxonomy (issue #16) and still as first seeded: the city has not renamed it.
                (stored.Name, stored.NameEn) = (c.Name, c.NameEn);
            }
        }
        var channels = await db.Channels.Select(c => c.Code).ToHashSetAsync(cancellationToken);
        foreach (var c in StandardChannels.All.Where(c => !channels.Contains(c.Code)))
        {
            db.Channels.Add(new Channel { Code = c.Code, Name = c.Name, NameEn = c.NameEn, Weight = c.Weight, CoordinateSystem = c.CoordinateSystem });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
