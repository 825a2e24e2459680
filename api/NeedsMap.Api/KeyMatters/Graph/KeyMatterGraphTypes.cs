using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.KeyMatters.Graph;

public sealed class KeyMatterKindGraphType : EnumerationGraphType<KeyMatterKind>
{
    public KeyMatterKindGraphType()
    {
        Name = "KeyMatterKind";
        Description = "A category of the taxonomy (类别) or a topic phrase within one (话题).";
    }
}

public sealed class DayWindowGraphType : ObjectGraphType<CellWindow>
{
    public DayWindowGraphType()
    {
        Name = "DayWindow";
        Description = "City days counted, both ends included. 统计时段（城市日，含首尾）。";
        Field<NonNullGraphType<DateOnlyGraphType>>("firstDay").Resolve(ctx => ctx.Source.FirstDay);
        Field<NonNullGraphType<DateOnlyGraphType>>("lastDay").Resolve(ctx => ctx.Source.LastDay);
        Field(w => w.Days);
    }
}

public sealed class DemandComponentsGraphType : ObjectGraphType<DemandComponents>
{
    public DemandComponentsGraphType()
    {
        Name = "DemandComponents";
        Description = "What a demand index is made of, every number read from the rollups. 需求指数的构成。 " + DemandComponents.Formula;
        Field(c => c.Records).Description("Needs received in the window (诉求条数), every channel's record counted.");
        Field(c => c.Cases).Description("Cases (件数): records with near-duplicates (same place, same top category, similar text, within days, any channel) counted once.");
        Field(c => c.Residents).Description("Distinct residents (居民数): distinct reporters, plus one for each record that names none.");
        Field(c => c.AnonymousRecords).Description("Records that name no reporter, each counted as one resident.");
        Field(c => c.WeightedCount).Description("加权量: the sum of the records' weights (channel weight × category weight).");
        Field(c => c.MeanWeight).Description("平均权重: weightedCount / records.");
        Field(c => c.PreviousWeightedCount).Description("The weighted count of the window of the same length just before.");
        Field(c => c.PreviousRecords).Description("Records in the window before.");
        Field(c => c.Growth).Description("增长率: (weightedCount − previousWeightedCount) / max(previousWeightedCount, 1).");
        Field(c => c.GrowthFactor).Description("增长系数: 1 + 0.5 × clamp(growth, −1, 1).");
        Field<NonNullGraphType<FloatGraphType>>("demandIndex").Description("需求指数: meanWeight × (cases + residents) / 2 × growthFactor.")
            .Resolve(ctx => ctx.Source.Index);
        Field(c => c.Arithmetic).Description("The index's arithmetic with these numbers.");
    }
}

public sealed class KeyMatterGraphType : ObjectGraphType<KeyMatter>
{
    public KeyMatterGraphType()
    {
        Name = "KeyMatter";
        Description = "A ranked key small matter (关键小事): a category or a topic, with its demand index and what it is made of.";
        Field(k => k.Rank).Description("1 for the heaviest.");
        Field<NonNullGraphType<KeyMatterKindGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<CategoryGraphType>>("category").Description("The category, or the topic's category.")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.FindCategory(ctx.Source.CategoryCode));
        Field(k => k.Topic, nullable: true).Description("The topic phrase (话题), e.g. 打疫苗排队; null for a category.");
        Field(k => k.Label).Description("The category's name, or the topic with its category's name.");
        Field(k => k.DemandIndex).Description("需求指数 (see components).");
        Field<NonNullGraphType<DemandComponentsGraphType>>("components").Resolve(ctx => ctx.Source.Components);
        Field(k => k.Explanation).Description("Why it ranks here, in Chinese, with every number. 排名说明。");
        Field(k => k.ExplanationEn).Description("Why it ranks here, in English, with every number.");
    }
}

public sealed class KeyMattersGraphType : ObjectGraphType<KeyMatters>
{
    public KeyMattersGraphType()
    {
        Name = "KeyMatters";
        Description = "Key small matters (关键小事) of a jurisdiction in a window: categories and topics ranked by demand index.";
        Field<NonNullGraphType<JurisdictionGraphType>>("jurisdiction")
            .Description("The jurisdiction answered for: the one asked, or the part of it the caller may see.")
            .Resolve(ctx => ctx.Service<ReferenceData>().Current.FindJurisdiction(ctx.Source.JurisdictionCode));
        Field<NonNullGraphType<DayWindowGraphType>>("window").Resolve(ctx => ctx.Source.Window);
        Field<NonNullGraphType<DayWindowGraphType>>("previousWindow").Description("The window growth is measured against.")
            .Resolve(ctx => ctx.Source.PreviousWindow);
        Field<NonNullGraphType<StringGraphType>>("formula").Resolve(_ => DemandComponents.Formula);
        Field<NonNullGraphType<StringGraphType>>("formulaZh").Description("The formula in Chinese. 计算公式。").Resolve(_ => DemandComponents.FormulaZh);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KeyMatterGraphType>>>>("categories").Description("Categories, heaviest first.")
            .Resolve(ctx => ctx.Source.Categories);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KeyMatterGraphType>>>>("topics").Description("Topics, heaviest first.")
            .Resolve(ctx => ctx.Source.Topics);
        Field(k => k.Records).Description("Records (条) in the window over every category shown.");
        Field(k => k.Cases).Description("Cases (件) they make once near-duplicates are merged.");
        Field(k => k.Residents).Description("Distinct residents (人) behind them, plus one per record without a reporter.");
        Field(k => k.SmallGroupsSuppressed).Description("True when items under the public minimum group size were left out (public view).");
    }
}
