using System.Globalization;

namespace NeedsMap.Api.KeyMatters;

/// <summary>
/// The numbers a key matter's demand index is made of, each one read from the rollups, and the index itself:
/// <c>meanWeight × (cases + residents) / 2 × growthFactor</c>. Cases count the same complaint once however many
/// channels carried it; residents count each person once however often they called; their mean guards against
/// one person's many calls and against many people's one shared case. The mean weight (channel weight × category
/// weight, set by the city) makes a petition count for more than a board post. Growth against the window before
/// lifts a rising matter by up to half and lowers a fading one by up to half.
/// </summary>
public sealed record DemandComponents(int Records, int Cases, int Residents, int AnonymousRecords, double WeightedCount, double PreviousWeightedCount,
    int PreviousRecords)
{
    public const string Formula = "demandIndex = meanWeight × (cases + residents) / 2 × growthFactor; meanWeight = weightedCount / records; "
        + "growth = (weightedCount − previousWeightedCount) / max(previousWeightedCount, 1); growthFactor = 1 + 0.5 × clamp(growth, −1, 1)";

    public const string FormulaZh = "需求指数 = 平均权重 × (件数 + 居民数) / 2 × 增长系数；平均权重 = 加权量 / 诉求条数；"
        + "增长率 = (加权量 − 上期加权量) / max(上期加权量, 1)；增长系数 = 1 + 0.5 × 将增长率限制在 [−1, 1]";

    public double MeanWeight => Records == 0 ? 0 : WeightedCount / Records;

    public double Growth => (WeightedCount - PreviousWeightedCount) / Math.Max(PreviousWeightedCount, 1);

    public double GrowthFactor => 1 + 0.5 * Math.Clamp(Growth, -1, 1);

    public double Index => Math.Round(MeanWeight * (Cases + Residents) / 2 * GrowthFactor, 4);

    public string Arithmetic => string.Create(CultureInfo.InvariantCulture,
        $"{MeanWeight:0.###} × ({Cases} + {Residents}) / 2 × {GrowthFactor:0.###} = {Index:0.###}");
}
