using NeedsMap.Api.KeyMatters;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.Export;

/// <summary>
/// needStats, keyMatters and cells as tables, read through the same readers as the GraphQL fields (so the caller's scope,
/// the public's small-group suppression and every validation apply unchanged).
/// </summary>
public sealed class AggregateExports(NeedStatsReader stats, KeyMatterReader keyMatters, CellReader cells, IHexGrid grid, ReferenceData reference)
{
    public static readonly IReadOnlyList<ExportColumn> NeedStatsColumns =
    [
        new("key", "The category, channel, status or jurisdiction code, or the period's first day (yyyy-MM-dd, city time)."),
        new("label", "The group's Chinese name, where it has one."),
        new("count", "Needs in the group."),
        new("weight", "The sum of their weights."),
        new("distinctReporters", "Distinct residents among the needs that name a reporter."),
    ];

    public static readonly IReadOnlyList<ExportColumn> KeyMatterColumns =
    [
        new("kind", "CATEGORY or TOPIC."),
        new("rank", "1 for the heaviest, within its kind."),
        new("category", "The category's code."),
        new("categoryName", "The category's Chinese name."),
        new("topic", "The topic phrase (topics only), learned from residents' words.", FreeText: true),
        new("demandIndex", "meanWeight × (cases + residents) / 2 × growthFactor."),
        new("records", "Needs in the window."),
        new("cases", "Near-duplicates counted once."),
        new("residents", "Distinct residents, plus one per record naming none."),
        new("weightedCount", "The sum of the records' weights."),
        new("previousWeightedCount", "The same for the window before."),
        new("growthFactor", "1 + 0.5 × clamp(growth, −1, 1)."),
        new("explanation", "The index explained in Chinese."),
        new("explanationEn", "The index explained in English."),
    ];

    public static readonly IReadOnlyList<ExportColumn> CellColumns =
    [
        new("id", "The cell's id, e.g. r500:12:-3."),
        new("longitude", "The cell centre's WGS-84 longitude."),
        new("latitude", "The cell centre's WGS-84 latitude."),
        new("jurisdiction", "The community containing the centre."),
        new("jurisdictionName", "Its name."),
        new("count", "Needs in the window."),
        new("demandIndex", "The window's demand index."),
        new("previousDemandIndex", "The window before's."),
        new("baseline", "The mean of the baseline windows."),
        new("weather", "SUNNY, CLOUDY, OVERCAST, RAIN or STORM."),
    ];

    public async Task<IExportRows> NeedStatsAsync(ExportParameters p, CancellationToken cancellationToken)
    {
        var result = await stats.ReadAsync(p.Where, p.Enum("groupBy", NeedStatsGrouping.Category), p.Enum("categoryLevel", CategoryLevel.Leaf),
            p.Enum("jurisdictionLevel", JurisdictionLevel.Community), cancellationToken);
        return new ListRows(NeedStatsColumns, result.Groups.Select(g => new object?[] { g.Key, g.Label, g.Count, g.Weight, g.DistinctReporters }));
    }

    public async Task<IExportRows> KeyMattersAsync(ExportParameters p, CancellationToken cancellationToken)
    {
        var result = await keyMatters.ReadAsync(p.Get("jurisdictionCode"), p.Window, p.Int("top", KeyMatterReader.DefaultTop),
            p.Enum("categoryLevel", CategoryLevel.Leaf), null, cancellationToken);
        return new ListRows(KeyMatterColumns, result.Categories.Concat(result.Topics).Select(k => new object?[]
        {
            NeedExportReader.ConstantCase(k.Kind.ToString()), k.Rank, k.CategoryCode, k.CategoryName, k.Topic, k.DemandIndex,
            k.Components.Records, k.Components.Cases, k.Components.Residents, k.Components.WeightedCount, k.Components.PreviousWeightedCount,
            k.Components.GrowthFactor, k.Explanation, k.ExplanationEn,
        }));
    }

    public async Task<IExportRows> CellsAsync(ExportParameters p, CancellationToken cancellationToken)
    {
        var found = await cells.ReadAsync(p.Enum("resolution", HexResolution.R500), p.Bbox, p.Get("jurisdictionCode"), p.Where, p.Window,
            p.Int("baselineWindows", CellQueryDefaults.BaselineWindows), cancellationToken);
        var snapshot = reference.Current;
        return new ListRows(CellColumns, found.Select(c =>
        {
            var centre = grid.Centre(c.Cell);
            return new object?[]
            {
                c.Cell.Id, centre.X, centre.Y, c.JurisdictionCode, snapshot.FindJurisdiction(c.JurisdictionCode)?.Name, c.Count,
                c.DemandIndex, c.PreviousDemandIndex, c.Baseline, c.Weather.ToString().ToUpperInvariant(),
            };
        }));
    }
}
