using System.Globalization;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.KeyMatters;

public enum KeyMatterKind
{
    Category,
    Topic,
}

/// <summary>One ranked category or topic with what its index is made of.</summary>
public sealed record KeyMatter(int Rank, KeyMatterKind Kind, string CategoryCode, string CategoryName, string? Topic, DemandComponents Components)
{
    public double DemandIndex => Components.Index;

    public string Explanation { get; init; } = "";

    public string ExplanationEn { get; init; } = "";

    public string Label => Topic is null ? CategoryName : $"{Topic}（{CategoryName}）";
}

/// <summary>The ranking for one jurisdiction and window, with the totals behind it.</summary>
public sealed record KeyMatters(string JurisdictionCode, string JurisdictionName, CellWindow Window, IReadOnlyList<KeyMatter> Categories,
    IReadOnlyList<KeyMatter> Topics, int Records, int Cases, int Residents, bool SmallGroupsSuppressed)
{
    /// <summary>The same ranking with every item's explanation written out.</summary>
    public KeyMatters Explained() => this with
    {
        Categories = [.. Categories.Select(k => k with { Explanation = Explain(k, true), ExplanationEn = Explain(k, false) })],
        Topics = [.. Topics.Select(k => k with { Explanation = Explain(k, true), ExplanationEn = Explain(k, false) })],
    };

    public CellWindow PreviousWindow => Window with { LastDay = Window.FirstDay.AddDays(-1) };

    public string Explain(KeyMatter item, bool chinese)
    {
        var c = item.Components;
        var list = item.Kind == KeyMatterKind.Category ? Categories : Topics;
        var next = list.FirstOrDefault(k => k.Rank == item.Rank + 1);
        var w = Window;
        var p = PreviousWindow;
        string text;
        if (chinese)
        {
            text = string.Create(CultureInfo.InvariantCulture,
                $"第{item.Rank}位：{item.Label}，{JurisdictionName}，{w.FirstDay:yyyy-MM-dd}至{w.LastDay:yyyy-MM-dd}（{w.Days}天）："
                + $"{c.Records}条诉求，来自{c.Residents}位居民（其中{c.AnonymousRecords}条未留身份，各按一人计），"
                + $"同地点{CaseRule}内的相似诉求合并后为{c.Cases}件；加权量{c.WeightedCount:0.##}（平均权重{c.MeanWeight:0.###} = 渠道权重 × 类别权重）；"
                + $"上期（{p.FirstDay:yyyy-MM-dd}至{p.LastDay:yyyy-MM-dd}）加权量{c.PreviousWeightedCount:0.##}，增长{c.Growth:+0%;-0%;0%}，增长系数{c.GrowthFactor:0.###}；"
                + $"需求指数 = {c.Arithmetic}。");
            if (item.Rank == 1 && next is not null)
            {
                text += string.Create(CultureInfo.InvariantCulture, $"居首：高于第2位{next.Label}（{next.DemandIndex:0.###}）。");
            }
        }
        else
        {
            text = string.Create(CultureInfo.InvariantCulture,
                $"#{item.Rank}: {item.Label} in {JurisdictionName}, {w.FirstDay:yyyy-MM-dd}..{w.LastDay:yyyy-MM-dd} ({w.Days} days): "
                + $"{c.Records} records from {c.Residents} residents ({c.AnonymousRecords} without a reporter, one resident each), "
                + $"{c.Cases} cases once similar complaints from the same place within {CaseRuleEn} are merged; weighted count {c.WeightedCount:0.##} "
                + $"(mean weight {c.MeanWeight:0.###} = channel weight × category weight); previous window {p.FirstDay:yyyy-MM-dd}..{p.LastDay:yyyy-MM-dd} "
                + $"weighed {c.PreviousWeightedCount:0.##}, growth {c.Growth:+0%;-0%;0%} → factor {c.GrowthFactor:0.###}; demand index = {c.Arithmetic}.");
            if (item.Rank == 1 && next is not null)
            {
                text += string.Create(CultureInfo.InvariantCulture, $" First, ahead of #2 {next.Label} ({next.DemandIndex:0.###}).");
            }
        }
        return text;
    }

    /// <summary>True when read from the jurisdiction rollups, false when from the caller's own needs.</summary>
    public bool FromRollups { get; init; }

    /// <summary>Filled from the configured case rule when the reader builds the result.</summary>
    public string CaseRule { get; init; } = "";

    public string CaseRuleEn { get; init; } = "";
}
