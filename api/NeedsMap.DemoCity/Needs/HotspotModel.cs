namespace NeedsMap.DemoCity.Needs;

/// <summary>A hotspot with its category tables per month.</summary>
internal sealed class HotspotModel
{
    public HotspotModel(Hotspot source, int community)
    {
        Source = source;
        Community = community >= 0 ? community : throw new InvalidOperationException($"Hotspot {source.Name} names an unknown community.");
        CategoriesByMonth = Enumerable.Range(1, 12)
            .Select(m => new WeightedTable<string>(source.Categories.Select(c => (c.Code, c.Weight * CategoryModel.SeasonalFactor(c.Code, m)))))
            .ToArray();
    }

    public Hotspot Source { get; }
    public int Community { get; }
    public WeightedTable<string>[] CategoriesByMonth { get; }
}
